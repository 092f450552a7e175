/**
 * What an error means to whoever handles it, whatever its class: the one classification the
 * faces read (exit codes, messages) and the retries and polls of this package follow.
 *
 * - `input`: the request is wrong, and the same request fails again: invalid params or
 *   options, or the API refused it as invalid (400, 404, 413 and other 4xx).
 * - `auth`: the API refused the key, its balance or its rights (401, 402, 403).
 * - `transient`: no usable answer in time, or the server asked to wait: network, timeouts,
 *   408, 429, 5xx, an unreadable answer. Asking again later may work; a task may still finish.
 * - `task-ended`: the task ended without a video (failed, expired, cancelled), or its state
 *   refuses the request (409, e.g. too late to cancel).
 * - `detached`: the caller stopped following: a detached job, or an aborted signal. The
 *   task, if there is one, goes on on the server.
 * - `unexpected`: an error this package does not know.
 */
export type ErrorKind = 'input' | 'auth' | 'transient' | 'task-ended' | 'detached' | 'unexpected';

const kinds: ReadonlySet<unknown> = new Set<ErrorKind>([
  'input',
  'auth',
  'transient',
  'task-ended',
  'detached',
  'unexpected',
]);

/**
 * The kind of any thrown value: the `kind` of this package's errors (and of any error of your
 * own that carries a `kind` of these words), `detached` for an `AbortError`, else
 * `unexpected`.
 */
export function errorKind(error: unknown): ErrorKind {
  if (typeof error !== 'object' || error === null) return 'unexpected';
  const { kind, name } = error as { kind?: unknown; name?: unknown };
  if (kinds.has(kind)) return kind as ErrorKind;
  return name === 'AbortError' ? 'detached' : 'unexpected';
}
