import {
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InsufficientBalanceError,
  JobDetachedError,
  NotFoundError,
  PermissionDeniedError,
  RequestValidationError,
  ServerError,
  TaskTimeoutError,
} from '@lemonvideo/core';
import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../errors';
import { exitCodeOf, exitCodes } from '../exit-codes';

const api = (Class: typeof APIError, status: number) => new Class({ status, message: 'x' });

describe('exitCodeOf', () => {
  it.each([
    ['usage', new UsageError('x'), exitCodes.usage],
    ['validation', new RequestValidationError([]), exitCodes.usage],
    ['404', api(NotFoundError, 404), exitCodes.usage],
    ['413', api(APIError, 413), exitCodes.usage],
    ['401', api(AuthenticationError, 401), exitCodes.auth],
    ['402', api(InsufficientBalanceError, 402), exitCodes.auth],
    ['403', api(PermissionDeniedError, 403), exitCodes.auth],
    ['network', new ConnectionError('x', { timeout: false, mayHaveCreatedTask: false }), 4],
    ['timeout', new TaskTimeoutError(null, 1000), exitCodes.network],
    ['5xx', api(ServerError, 503), exitCodes.network],
    ['408', api(APIError, 408), exitCodes.network],
    ['409', api(ConflictError, 409), exitCodes.taskFailed],
    ['detached', new JobDetachedError('t'), exitCodes.interrupted],
    ['interrupted', new InterruptedError('x'), exitCodes.interrupted],
    ['terminated', new InterruptedError('x', 'SIGTERM'), 143],
    ['anything else', new Error('x'), exitCodes.taskFailed],
  ])('%s', (_, error, code) => {
    expect(exitCodeOf(error)).toBe(code);
  });
});
