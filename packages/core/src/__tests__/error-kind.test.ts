import { describe, expect, it } from 'vitest';
import { type ErrorKind, errorKind } from '../error-kind';
import * as errors from '../errors';
import { normalizeTask } from '../normalize-task';

const api = (Class: typeof errors.APIError, status: number, code?: string) =>
  new Class({ status, message: 'x', code });
const task = normalizeTask({ id: 'video_1', status: 'failed' });
const offline = new errors.ConnectionError('x', { timeout: false, mayHaveCreatedTask: false });

describe('errorKind', () => {
  it.each<[string, unknown, ErrorKind]>([
    ['invalid params', new errors.RequestValidationError([]), 'input'],
    ['an invalid option', new errors.LemonVideoError('x'), 'input'],
    ['400', api(errors.BadRequestError, 400), 'input'],
    ['404', api(errors.NotFoundError, 404), 'input'],
    ['413', api(errors.APIError, 413), 'input'],
    ['401', api(errors.AuthenticationError, 401), 'auth'],
    ['402', api(errors.InsufficientBalanceError, 402), 'auth'],
    ['403', api(errors.PermissionDeniedError, 403), 'auth'],
    ['a lost connection', offline, 'transient'],
    ['408', api(errors.APIError, 408), 'transient'],
    ['429', api(errors.RateLimitError, 429), 'transient'],
    ['503', api(errors.ServerError, 503), 'transient'],
    ['an unreadable answer', api(errors.APIError, 200, 'invalid_response'), 'transient'],
    ['a wait out of time', new errors.TaskTimeoutError(null, 1000), 'transient'],
    ['a failed task', new errors.TaskFailedError(task), 'task-ended'],
    ['a cancelled task', new errors.TaskCancelledError(task), 'task-ended'],
    ['409', api(errors.ConflictError, 409), 'task-ended'],
    ['a detached job', new errors.JobDetachedError('video_1'), 'detached'],
    ['an aborted signal', new DOMException('stop', 'AbortError'), 'detached'],
    [
      'an error of your own that says its kind',
      Object.assign(new Error('x'), { kind: 'auth' }),
      'auth',
    ],
    [
      'an error that says a kind there is not',
      Object.assign(new Error('x'), { kind: 'odd' }),
      'unexpected',
    ],
    ['any other error', new TypeError('x'), 'unexpected'],
    ['a thrown string', 'x', 'unexpected'],
    ['null', null, 'unexpected'],
  ])('%s', (_case, error, kind) => {
    expect(errorKind(error)).toBe(kind);
  });
});
