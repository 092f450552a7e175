import { positiveOption } from './check-option';
import type { TypicalDuration } from './duration-stats';

export interface ProgressSample {
  /** When it was seen (clock milliseconds). */
  at: number;
  /** 0 to 100. */
  progress: number;
}

/** What a strategy knows when it picks the wait before the next poll. */
export interface PollContext {
  now: number;
  /** When the task was created (or first seen). */
  createdAt: number;
  /** Progress the server reported, oldest first; empty when it reports none. */
  samples: readonly ProgressSample[];
  /**
   * How long tasks like this one took from creation to their end, learned in this process;
   * undefined when there is no history, or when this job did not see the task created.
   */
  typicalDuration: TypicalDuration | undefined;
  /** Failed polls in a row (network, 5xx, 429). */
  failures: number;
  /** Milliseconds the server asked to wait (Retry-After of a 429), if it did. */
  retryAfterMs: number | undefined;
}

export interface PollStrategy {
  /** Milliseconds to wait before the next poll. */
  nextDelay(context: PollContext): number;
  /** Milliseconds until the task is expected to end, or null when there is no honest estimate. */
  remaining(context: PollContext): number | null;
}

export interface PollOptions {
  /** `'adaptive'` (default), `'fixed'`, or your own strategy. */
  strategy?: 'adaptive' | 'fixed' | PollStrategy | undefined;
  /** Milliseconds between polls of the fixed strategy. Default 5 000 (the vendor's advice). */
  interval?: number | undefined;
  /** The adaptive strategy never polls faster than this. Default 1 000 ms. */
  min?: number | undefined;
  /** The adaptive strategy never polls slower than this. Default 10 000 ms. */
  max?: number | undefined;
}

/** `value`, or the nearer of `min` and `max` when it is outside them. */
export const clamp = (value: number, min: number, max: number) =>
  Math.min(max, Math.max(min, value));

/** Failed polls back off from `base`, doubling, up to `max`; a Retry-After wins when longer. */
function afterFailure(context: PollContext, base: number, max: number): number | undefined {
  if (context.failures === 0) return undefined;
  const backoff = clamp(base * 2 ** (context.failures - 1), base, max);
  return Math.max(backoff, context.retryAfterMs ?? 0);
}

/** Polls every `interval` milliseconds. */
export function fixedStrategy(interval = 5_000): PollStrategy {
  return {
    nextDelay: (context) => afterFailure(context, interval, Math.max(interval, 60_000)) ?? interval,
    remaining: () => null,
  };
}

/** When the task is expected to end: between `from` and `to` (clock milliseconds). */
export interface EndWindow {
  from: number;
  to: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * From the progress rate. A provider reports progress in steps (of 5%, say), so the true
 * progress at the last sample lies between that value and the next step: the end lies in a
 * window one step wide, plus a tenth of the time left for the error of the rate itself.
 */
function windowFromProgress({ samples }: PollContext): EndWindow | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || last.progress <= first.progress) return null;
  const rate = (last.progress - first.progress) / (last.at - first.at || 1);
  const step = Math.min(
    10,
    samples.reduce((g, sample) => gcd(g, Math.round(sample.progress)), 0) || 1,
  );
  const left = (100 - last.progress) / rate;
  const slack = 0.1 * left;
  return { from: last.at + left - step / rate - slack, to: last.at + left + slack };
}

/** From how long tasks like this one took in this process: the middle half of them. */
function windowFromHistory({ typicalDuration, createdAt }: PollContext): EndWindow | null {
  if (typicalDuration === undefined) return null;
  return { from: createdAt + typicalDuration.low, to: createdAt + typicalDuration.high };
}

/**
 * When the task is expected to end: from its progress rate, else from how long tasks like it
 * took; null when neither is known. The adaptive poller and the batch scheduler both aim at it.
 */
export const windowOf = (context: PollContext): EndWindow | null =>
  windowFromProgress(context) ?? windowFromHistory(context);

/**
 * Polls sparsely while the end is far and at the floor inside the window where it is expected
 * to end, which it estimates from the server's progress over time or, without progress, from
 * how long tasks like this one took in this process. Never faster than `min` nor slower than
 * `max`; the sparse waits carry a little jitter so many jobs do not poll in step.
 */
export function adaptiveStrategy(
  { min = 1_000, max = 10_000 }: Pick<PollOptions, 'min' | 'max'> = {},
  random: () => number = Math.random,
): PollStrategy {
  // Jitter only shortens a wait, so it never overshoots the window it aims at.
  const jitter = (ms: number) => clamp(ms * (0.9 + 0.1 * random()), min, max);
  return {
    remaining(context) {
      const window = windowOf(context);
      if (window === null) return null;
      const left = (window.from + window.to) / 2 - context.now;
      return left >= 0 ? left : null;
    },
    nextDelay(context) {
      const failed = afterFailure(context, min, max);
      if (failed !== undefined) return Math.max(jitter(failed), context.retryAfterMs ?? 0);
      const { now } = context;
      const window = windowOf(context);
      if (window === null) return jitter((now - context.createdAt) * 0.2);
      if (now < window.from) return jitter(window.from - now);
      if (now <= window.to) return min;
      return jitter((now - window.to) * 0.5);
    },
  };
}

/**
 * The strategy `options` ask for. Throws a `RequestValidationError` when `interval`, `min` or
 * `max` is not a positive, finite number of milliseconds.
 */
export function pollStrategy(options: PollOptions = {}): PollStrategy {
  const { strategy = 'adaptive' } = options;
  for (const name of ['interval', 'min', 'max'] as const) {
    positiveOption(options[name], `poll.${name}`, 0, true);
  }
  if (typeof strategy === 'object') return strategy;
  return strategy === 'fixed' ? fixedStrategy(options.interval) : adaptiveStrategy(options);
}
