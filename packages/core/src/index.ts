export type { components, operations, paths } from '@lemonvideo/shared';
export {
  affordableTasks,
  type BatchLoad,
  BatchScheduler,
  type BatchSchedulerOptions,
  type ScheduledStep,
  type StepReason,
} from './batch-scheduler';
export type { CallOptions, CreateOptions } from './call-signal';
export {
  defaultBaseURL,
  defaultCallTimeout,
  LemonVideo,
  type LemonVideoOptions,
} from './client';
export { type Clock, systemClock } from './clock';
export { createFieldRules, type FieldRule } from './create-field-rules';
export { describeIssues } from './describe-issues';
export type { DownloadOptions, DownloadProgress, DownloadSource, VideoDownload } from './download';
export { DurationStats, type TypicalDuration } from './duration-stats';
export { type ErrorKind, errorKind } from './error-kind';
export { errorSuggestion } from './error-suggestion';
export {
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ConnectionErrorInit,
  DownloadError,
  type DownloadErrorCode,
  InsufficientBalanceError,
  JobDetachedError,
  LemonVideoError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  TaskCancelledError,
  TaskFailedError,
  TaskTimeoutError,
  type ValidationIssue,
} from './errors';
export {
  aspectRatios,
  createVideoRequestAliases,
  failedTaskStatuses,
  outputFormats,
  referenceImageTypes,
  resolutions,
  runningTaskStatuses,
  serviceTiers,
  succeededTaskStatuses,
  videoOperations,
} from './generated/rules';
export {
  initialSnapshot,
  isTerminal,
  type JobSnapshot,
  type JobStatus,
  remainingMs,
  snapshotOf,
  type TaskSnapshot,
} from './job-state';
export { modelIssues } from './model-issues';
export {
  type CreateParamsText,
  type ParsedCreateParams,
  parseCreateParams,
} from './parse-create-params';
export {
  adaptiveStrategy,
  fixedStrategy,
  type PollContext,
  type PollOptions,
  type PollStrategy,
  type ProgressSample,
} from './poll-strategy';
export { type PollTimes, type PollTimesOptions, pollTimes } from './poll-times';
export { RequestBudget, type RequestBudgetOptions } from './request-budget';
export type {
  MaterialAsset,
  MaterialAssetGroup,
  MaterialDeleted,
  MaterialProject,
  WaitForAssetsOptions,
} from './resources/assets';
export type { ListModelsParams, ModelCategory, ModelPricing } from './resources/models';
export { type BatchOptions, runBatch } from './run-batch';
export type {
  CreateVideoParams,
  RawTask,
  TaskFailure,
  TaskRef,
  TaskStatus,
  VideoResult,
  VideoTask,
} from './task';
export { type TaskOutcome, taskOutcome } from './task-outcome';
export {
  isSettled,
  type StepError,
  type TaskPhase,
  type TaskState,
  taskStateVersion,
} from './task-state';
export { type StepOptions, type StepResult, step, type TaskStepClient } from './task-step';
export {
  applyFailure,
  applyTask,
  assertTaskState,
  durationKeys,
  followedTask,
  learnedDuration,
  type NewTaskOptions,
  nextRequest,
  prepareCreate,
  queuedTask,
  recordDuration,
  recoverTask,
} from './task-transitions';
export { Ticker } from './ticker';
export { validationIssues } from './validate-params';
export { defaultWaitTimeout, type JobOptions, VideoJob } from './video-job';
export type { ModelLifecycle, ModelOffer, RawModel, VideoModel } from './video-model';
