export type { components, operations, paths } from '@lemonvideo/shared';
export type { CallOptions } from './call-signal';
export {
  defaultBaseURL,
  defaultCallTimeout,
  LemonVideo,
  type LemonVideoOptions,
} from './client';
export { type Clock, systemClock } from './clock';
export type { DownloadOptions, DownloadProgress, DownloadSource, VideoDownload } from './download';
export { DurationStats, type TypicalDuration } from './duration-stats';
export { type ErrorKind, errorKind } from './error-kind';
export {
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ConnectionErrorInit,
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
  createVideoRequestRules,
  defaultModel,
  failedTaskStatuses,
  runningTaskStatuses,
  succeededTaskStatuses,
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
export type { ListModelsParams, VideoModel } from './resources/models';
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
export { Ticker } from './ticker';
export { validationIssues } from './validate-params';
export { defaultWaitTimeout, type JobOptions, VideoJob } from './video-job';
