import { defaultCallTimeout } from '@lemonvideo/core';
import { numberFlag } from './number-flag';

/** What a session runs with, from the options every command takes. */
export interface SessionOptions {
  /** `--base-url`; else `LEMONDATA_BASE_URL`. */
  baseUrl?: string | undefined;
  /** `--timeout` in milliseconds: how long to wait for a task. Default: core's (10 minutes). */
  waitMs?: number | undefined;
  /** `--cancel-on-exit`: Ctrl-C cancels a running task instead of detaching it. */
  cancelOnExit: boolean;
}

/** The longest one API call may take: core's default, or less when the whole wait is shorter. */
export function callTimeoutOf({ waitMs }: SessionOptions): number {
  return Math.min(defaultCallTimeout, waitMs ?? defaultCallTimeout);
}

/** The options every command takes, as the command line gives them. */
export interface GlobalOptions {
  baseUrl?: string;
  json?: boolean;
  /** Seconds, as typed. */
  timeout?: string;
  cancelOnExit?: boolean;
}

/** The session's options from the command line's; throws `UsageError` for a bad `--timeout`. */
export function sessionOptions(options: GlobalOptions): SessionOptions {
  const waitMs =
    options.timeout === undefined
      ? undefined
      : numberFlag('--timeout', options.timeout, { min: 0.001 }) * 1000;
  return { baseUrl: options.baseUrl, waitMs, cancelOnExit: options.cancelOnExit === true };
}
