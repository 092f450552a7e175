export type { CallOptions } from './call-signal';
export { defaultBaseURL, LemonVideo, type LemonVideoOptions } from './client';
export {
  APIError,
  type APIErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ConnectionErrorInit,
  InsufficientBalanceError,
  LemonVideoError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ServerError,
  type ValidationIssue,
} from './errors';
export type { components, operations, paths } from './generated/openapi';
export {
  createVideoRequestRules,
  defaultModel,
  failedTaskStatuses,
  runningTaskStatuses,
  succeededTaskStatuses,
} from './generated/rules';
export type {
  RawTask,
  TaskFailure,
  TaskStatus,
  VideoResult,
  VideoTask,
} from './normalize-task';
export type { ListModelsParams, VideoModel } from './resources/models';
export type { TaskRef } from './resources/tasks';
export type { CreateVideoParams } from './resources/videos';
export { validationIssues } from './validate-params';
