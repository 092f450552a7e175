import { defaultCallTimeout } from '@lemonvideo/core';
import { UsageError } from './errors';

/** What a session runs with, from the options every command takes. */
export interface SessionOptions {
  /** `--base-url`; else `LEMONDATA_BASE_URL`. */
  baseUrl?: string | undefined;
  /**
   * `--timeout` in milliseconds: how long to wait for a task, and for a download in all;
   * `Infinity` for no limit. Default: core's (10 minutes for a task, none for a download).
   */
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

/** `--timeout` in milliseconds: seconds above 0, or `Infinity` (no limit). */
function timeoutMs(text: string): number {
  if (text.trim() === 'Infinity') return Number.POSITIVE_INFINITY;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text.trim()) || Number(text) <= 0) {
    throw new UsageError(
      `--timeout must be a number (got ${JSON.stringify(text)}): seconds above 0, or Infinity for no limit`,
    );
  }
  return Number(text) * 1000;
}

/** The session's options from the command line's; throws `UsageError` for a bad `--timeout`. */
export function sessionOptions(options: GlobalOptions): SessionOptions {
  const waitMs = options.timeout === undefined ? undefined : timeoutMs(options.timeout);
  return { baseUrl: options.baseUrl, waitMs, cancelOnExit: options.cancelOnExit === true };
}
