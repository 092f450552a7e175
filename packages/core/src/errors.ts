import type { components } from '@lemonvideo/shared';
import type { ErrorKind } from './error-kind';
import type { VideoTask } from './task';

type ErrorBody = components['schemas']['ErrorResponse'];

/** The 409 code of a create naming Seedance material assets that are not ACTIVE yet. */
export const materialPreparing = 'seedance_material_preparing';

const hintNames =
  'did_you_mean suggestions hint retryable balance_usd estimated_cost_usd supported_operations allowed_durations allowed_resolutions allowed_aspect_ratios recommended_request'.split(
    ' ',
  );
const upper = (_: string, letter: string) => letter.toUpperCase();

/** The root of every error this package throws on purpose; `kind` says what it means. */
export class LemonVideoError extends Error {
  override name = 'LemonVideoError';
  /**
   * True when this error ended a create whose outcome is unknown (its connection was lost, it
   * timed out, or its success answer was unreadable): the task may exist, and be billed. Look
   * for it before creating it again. False on every other error.
   */
  readonly mayHaveCreatedTask: boolean;

  constructor(
    message?: string,
    options?: ErrorOptions & { mayHaveCreatedTask?: boolean | undefined },
  ) {
    super(message, options);
    this.mayHaveCreatedTask = options?.mayHaveCreatedTask ?? false;
  }

  /** What the error means (see `ErrorKind`); this base class is thrown for invalid options. */
  get kind(): ErrorKind {
    return 'input';
  }
}

export interface APIErrorInit {
  status: number;
  message: string;
  code?: string | undefined;
  type?: string | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
  retryAfter?: number | undefined;
  body?: unknown;
  /** True for a create whose answer arrived but could not be used. Default false. */
  mayHaveCreatedTask?: boolean | undefined;
}

/** The API answered with an error status (or with a body that could not be read). */
export class APIError extends LemonVideoError {
  override name = 'APIError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** Machine-readable reason from the error envelope, e.g. `invalid_api_key`. */
  readonly code: string | undefined;
  /** Error category from the envelope, e.g. `invalid_request_error`. */
  readonly type: string | undefined;
  /** The request field at fault, when the server names one. */
  readonly param: string | undefined;
  /** The server's `x-request-id`: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait before retrying (`Retry-After` or `retry_after`). */
  readonly retryAfter: number | undefined;
  /** The parsed error body (`ErrorResponse`), or the text the server sent. */
  readonly body: ErrorBody | string | undefined;
  /**
   * Each field the API named at fault (a 400's `validation_errors`), as `RequestValidationError`
   * names them; empty when it named none.
   */
  readonly issues: readonly ValidationIssue[];
  // The envelope's hints (spec: ErrorBody), each undefined when the API did not send it.
  /** A close valid value, e.g. the model id meant (`did_you_mean`). */
  declare readonly didYouMean?: string;
  /** Other values to try, e.g. model ids (`suggestions`). */
  declare readonly suggestions?: readonly { id: string }[];
  /** What to do about it, in a sentence (`hint`). */
  declare readonly hint?: string;
  /** Whether the same request may succeed later, in the API's words (`retryable`). */
  declare readonly retryable?: boolean;
  /** The account's balance in US dollars (`balance_usd`, with a 402). */
  declare readonly balanceUsd?: number;
  /** What the request would have cost in US dollars (`estimated_cost_usd`, with a 402). */
  declare readonly estimatedCostUsd?: number;
  /** The operations the model offers (`supported_operations`). */
  declare readonly supportedOperations?: readonly string[];
  /** The durations the model offers, as the API sends them: strings such as `"5"` (`allowed_durations`). */
  declare readonly allowedDurations?: readonly string[];
  /** The resolutions the model offers (`allowed_resolutions`). */
  declare readonly allowedResolutions?: readonly string[];
  /** The aspect ratios the model offers (`allowed_aspect_ratios`). */
  declare readonly allowedAspectRatios?: readonly string[];
  /** A request the model would accept (`recommended_request`). */
  declare readonly recommendedRequest?: Readonly<Record<string, unknown>>;
  /**
   * The Seedance material assets that are not ACTIVE yet (409 `seedance_material_preparing`):
   * those the request named (`inactive_asset_ids`) and those the server made from its plain
   * images (`auto_material_asset_ids`). Wait for them (`client.assets.waitUntilActive`), then
   * send the same request again.
   */
  declare readonly inactiveAssetIds?: readonly string[];

  constructor(init: APIErrorInit) {
    super(init.message, { mayHaveCreatedTask: init.mayHaveCreatedTask });
    this.status = init.status;
    this.code = init.code;
    this.type = init.type;
    this.param = init.param;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.body = init.body as ErrorBody | string | undefined;
    const body = (typeof init.body === 'object' ? init.body : undefined) as
      | Partial<ErrorBody>
      | undefined;
    const envelope: Record<string, unknown> = body?.error ?? {};
    for (const name of hintNames) {
      const value = envelope[name];
      // `did_you_mean` → `didYouMean`
      if (value != null) Object.assign(this, { [name.replace(/_(.)/g, upper)]: value });
    }
    const inactive = [
      ...((envelope.inactive_asset_ids as string[]) ?? []),
      ...((envelope.auto_material_asset_ids as string[]) ?? []),
    ];
    if (inactive[0]) Object.assign(this, { inactiveAssetIds: inactive });
    this.issues = Array.isArray(body?.validation_errors) ? body.validation_errors : [];
  }

  /**
   * `auth` for 401, 402 and 403; `task-ended` for 409 (but `transient` for
   * `seedance_material_preparing`: the same request works once the assets are ACTIVE);
   * `transient` for 408, 429, 5xx, an unreadable answer and anything not a 4xx; `input` for
   * any other 4xx.
   */
  override get kind(): ErrorKind {
    const { status } = this;
    if (status === 401 || status === 402 || status === 403) return 'auth';
    if (status === 409) return this.code === materialPreparing ? 'transient' : 'task-ended';
    const asked = status === 408 || status === 429 || this.code === 'invalid_response';
    return status >= 400 && status < 500 && !asked ? 'input' : 'transient';
  }
}

/** HTTP 400: the server refused the request as invalid. */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
/** HTTP 401: the API key is missing, wrong or expired. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
/** HTTP 402: the balance or quota does not cover the task. */
export class InsufficientBalanceError extends APIError {
  override name = 'InsufficientBalanceError';
}
/** HTTP 403: the key may not use this model or route. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
/** HTTP 404: the task (`async_task_not_found`) or model (`model_not_found`) does not exist. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/**
 * HTTP 409: `task_not_cancellable`, the task is no longer queued; or, from a create,
 * `seedance_material_preparing` (see `inactiveAssetIds`), a certain refusal.
 */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
/** HTTP 429: too many requests; nothing was created. See `retryAfter`. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
/** HTTP 5xx: the server or its upstream provider failed. */
export class ServerError extends APIError {
  override name = 'ServerError';
}

export interface ConnectionErrorInit {
  /** True when the call ran out of its `timeout`. */
  timeout: boolean;
  /** True for a create whose answer was lost: the task may exist, and be billed. Default false. */
  mayHaveCreatedTask?: boolean | undefined;
  cause?: unknown;
}

/**
 * No usable answer arrived: the network failed or the call timed out; or a download stalled,
 * ran out of its `timeout` or broke off mid-body.
 */
export class ConnectionError extends LemonVideoError {
  override name = 'ConnectionError';
  /** True when the call or download ran out of time (its `timeout`, or a download's `idleTimeout`). */
  readonly timeout: boolean;

  constructor(message: string, init: ConnectionErrorInit) {
    super(message, { cause: init.cause, mayHaveCreatedTask: init.mayHaveCreatedTask });
    this.timeout = init.timeout;
  }

  override get kind(): ErrorKind {
    return 'transient';
  }
}

/** A rule a request breaks: the shape of the spec's `ValidationIssue`, which the API sends too. */
export interface ValidationIssue {
  /** The field at fault, e.g. `fps` or `reference_images.0`. */
  field: string;
  /** The rule it breaks, e.g. `must be between 1 and 120`. */
  message: string;
}

/** The parameters break a rule of the spec, or an option its rule (`timeout`, ...); nothing was sent. */
export class RequestValidationError extends LemonVideoError {
  override name = 'RequestValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
    this.issues = issues;
  }
}

/** The task ended without a video: `status` failed or expired. */
export class TaskFailedError extends LemonVideoError {
  override name = 'TaskFailedError';
  /** The task as last seen. */
  readonly task: VideoTask;
  /** Why, in the API's words, e.g. `content_policy_violation`; `expired` for an expired task. */
  readonly code: string | undefined;

  constructor(task: VideoTask, message?: string) {
    super(
      message ?? task.error?.message ?? `The task ${task.id} ended with status "${task.status}".`,
    );
    this.task = task;
    this.code = task.error?.code ?? (task.status === 'failed' ? undefined : task.status);
  }

  override get kind(): ErrorKind {
    return 'task-ended';
  }
}

/** The task was cancelled (the API reports it as failed with `cancelled: true`). */
export class TaskCancelledError extends TaskFailedError {
  override name = 'TaskCancelledError';

  constructor(task: VideoTask) {
    super(task, `The task ${task.id} was cancelled.`);
  }
}

/** The wait ran out of its `timeout`. The task may still finish: wait for it again by its id. */
export class TaskTimeoutError extends LemonVideoError {
  override name = 'TaskTimeoutError';
  /** The task as last seen, or null when no answer about it arrived in time. */
  readonly task: VideoTask | null;
  /**
   * The task's id, when known: wait for it again with it. Null when the create never answered
   * (and then `mayHaveCreatedTask` is true).
   */
  readonly taskId: string | null;

  constructor(task: VideoTask | null, ms: number, taskId: string | null = task?.id ?? null) {
    const again = 'It may still finish: wait for it again by its id.';
    super(
      task !== null
        ? `Gave up waiting for task ${task.id} after ${ms} ms (last status "${task.status}"). ${again}`
        : taskId !== null
          ? `Gave up waiting for task ${taskId} after ${ms} ms, with no answer about it yet. ${again}`
          : `Gave up after ${ms} ms before the API answered the create: the task may have been created (and billed).`,
      { mayHaveCreatedTask: taskId === null },
    );
    this.task = task;
    this.taskId = taskId;
  }

  /** `transient`: the task may still finish. */
  override get kind(): ErrorKind {
    return 'transient';
  }
}

/** The job was detached: it stopped following the task, which goes on on the server. */
export class JobDetachedError extends LemonVideoError {
  override name = 'JobDetachedError';
  /** The task to resume later, or null when the job was detached before it started. */
  readonly taskId: string | null;

  constructor(taskId: string | null) {
    super(
      taskId === null
        ? 'The job was detached before it created a task.'
        : `Stopped following task ${taskId}; it goes on on the server and can be resumed by its id.`,
    );
    this.taskId = taskId;
  }

  override get kind(): ErrorKind {
    return 'detached';
  }
}

/** Why a download was refused; see `DownloadError.code`. */
export type DownloadErrorCode = 'not_a_video' | 'too_large' | 'file_exists' | 'not_a_file';

/**
 * A download refused for what it would deliver or where it would put it (a failed network is
 * a `ConnectionError`, an error status an `APIError`).
 */
export class DownloadError extends LemonVideoError {
  override name = 'DownloadError';
  /**
   * `not_a_video`: the server sent a page, JSON or text instead of a video (the link may be wrong
   * or expired); `too_large`: over the download's `maxBytes`; `file_exists`: a file is at the path
   * and `overwrite` was not set; `not_a_file`: the path is a directory, device, link or other
   * non-regular file, which a download never replaces.
   */
  readonly code: DownloadErrorCode;
  /** The path at fault (`file_exists`, `not_a_file`); undefined otherwise. */
  readonly path: string | undefined;

  constructor(code: DownloadErrorCode, message: string, path?: string) {
    super(message);
    this.code = code;
    this.path = path;
  }

  /**
   * `input` where the caller's choice refused it (the path, `overwrite`, `maxBytes`);
   * `task-ended` where the result is not a video: asking again will not make it one.
   */
  override get kind(): ErrorKind {
    return this.code === 'not_a_video' ? 'task-ended' : 'input';
  }
}
