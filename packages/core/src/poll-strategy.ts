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
  /** Best estimate of when processing began, or null while it is still queued. */
  processingSince: number | null;
  /** Progress the server reported, oldest first; empty when it reports none. */
  samples: readonly ProgressSample[];
  /** How long processing typically takes for tasks like this one, learned in this process. */
  typicalProcessing: TypicalDuration | undefined;
  /** How long tasks like this one typically wait in the queue, learned in this process. */
  typicalQueue: TypicalDuration | undefined;
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

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

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

/** Remaining milliseconds from the progress rate over the recent samples, or null. */
function remainingFromProgress(context: PollContext): number | null {
  const recent = context.samples.slice(-6);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (first === undefined || last === undefined || last.progress <= first.progress) return null;
  const rate = (last.progress - first.progress) / (last.at - first.at || 1);
  return (100 - last.progress) / rate - (context.now - last.at);
}

function remainingFromHistory(context: PollContext): { ms: number; spread: number } | null {
  const processing = context.typicalProcessing;
  if (processing === undefined) return null;
  if (context.processingSince !== null) {
    return {
      ms: context.processingSince + processing.median - context.now,
      spread: processing.spread,
    };
  }
  const queue = context.typicalQueue;
  if (queue === undefined) return null;
  return {
    ms: context.createdAt + queue.median + processing.median - context.now,
    spread: queue.spread + processing.spread,
  };
}

/**
 * Polls sparsely while the end is far and densely near the expected end, which it estimates
 * from the server's progress over time or, without progress, from how long tasks like this
 * one took in this process. Between `min` and `max`, with ±10% jitter.
 */
export function adaptiveStrategy(
  { min = 1_000, max = 10_000 }: Pick<PollOptions, 'min' | 'max'> = {},
  random: () => number = Math.random,
): PollStrategy {
  const estimate = (context: PollContext) => {
    const fromProgress = remainingFromProgress(context);
    if (fromProgress !== null) {
      return { ms: fromProgress, spread: Math.max(min, 0.1 * Math.max(0, fromProgress)) };
    }
    return remainingFromHistory(context);
  };
  const jitter = (ms: number) => clamp(ms * (0.9 + 0.2 * random()), min, max);
  return {
    remaining(context) {
      const found = estimate(context);
      return found === null || found.ms < 0 ? null : found.ms;
    },
    nextDelay(context) {
      const failed = afterFailure(context, min, max);
      if (failed !== undefined) return Math.max(jitter(failed), context.retryAfterMs ?? 0);
      const found = estimate(context);
      if (found === null) return jitter((context.now - context.createdAt) * 0.2);
      const { ms, spread } = found;
      if (ms > spread) return jitter(ms - spread);
      if (ms >= -spread) return min;
      return jitter(-ms * 0.5);
    },
  };
}

/** The strategy `options` ask for. */
export function pollStrategy(options: PollOptions = {}): PollStrategy {
  const { strategy = 'adaptive' } = options;
  if (typeof strategy === 'object') return strategy;
  return strategy === 'fixed' ? fixedStrategy(options.interval) : adaptiveStrategy(options);
}
