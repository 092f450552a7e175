import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationStats } from '../duration-stats';
import { RateLimitError } from '../errors';
import type { VideoTask } from '../normalize-task';
import { adaptiveStrategy, fixedStrategy } from '../poll-strategy';
import { pollTimes } from '../poll-times';
import type { CreateVideoParams } from '../resources/videos';
import type { TaskState } from '../task-state';
import { applyFailure, applyTask, prepareCreate, queuedTask } from '../task-transitions';

const params: CreateVideoParams = {
  model: 'kling-video',
  prompt: 'A cat',
  duration: 5,
  resolution: '720p',
};
const adaptive = adaptiveStrategy({}, () => 1);

const task = (status: string, progress: number | null = null): VideoTask => ({
  id: 'video_1',
  status,
  progress,
  video: null,
  error: null,
  cancelled: false,
  model: 'kling-video',
  pollUrl: null,
  raw: { id: 'video_1' } as never,
});

/** Created at t = 0, then seen by polls at the given times with the given progress. */
function seen(...answers: Array<[number, number | null]>): TaskState {
  let state = applyTask(prepareCreate(queuedTask(params, { now: 0 }), 0), task('pending'), 0, {
    polled: false,
  });
  for (const [at, progress] of answers) {
    state = applyTask(state, task('processing', progress), at, { polled: true });
  }
  return state;
}

describe('pollTimes', () => {
  it('a queued task goes at once; a settled one never', () => {
    expect(pollTimes(queuedTask(params, { now: 7 }), { strategy: adaptive })).toEqual({
      eagerAt: 7,
      dueAt: 7,
    });
    const failed = { ...seen(), phase: 'failed' as const };
    expect(pollTimes(failed, { strategy: adaptive })).toBeNull();
  });

  it('with nothing known, the eager poll is the adaptive one and the due poll waits 30 s', () => {
    const times = pollTimes(seen(), { strategy: adaptive });
    expect(times).toEqual({ eagerAt: 1_000, dueAt: 30_000 });
    // Then half its age again, up to a minute.
    expect(pollTimes(seen([80_000, null]), { strategy: adaptive })?.dueAt).toBe(120_000);
    expect(pollTimes(seen([200_000, null]), { strategy: adaptive })?.dueAt).toBe(260_000);
  });

  it('with progress, the due poll is at the end of the window the task should end in', () => {
    // 0% at creation, 50% at 50 s: the end near 100 s, plus a tenth of the time left.
    const times = pollTimes(seen([50_000, 50]), { strategy: adaptive });
    expect(times?.dueAt).toBe(105_000);
    expect(times?.eagerAt).toBeLessThan(105_000);
  });

  it('from what tasks like it took: their 75th percentile, then a fifth of its age', () => {
    const stats = new DurationStats();
    for (const ms of [80_000, 90_000, 100_000, 110_000, 120_000]) {
      stats.record('kling-video|5|720p', ms);
    }
    expect(pollTimes(seen(), { strategy: adaptive, stats })?.dueAt).toBe(110_000);
    expect(pollTimes(seen([150_000, null]), { strategy: adaptive, stats })?.dueAt).toBe(180_000);
  });

  it('what tasks like it took counts only for a task it created, as for a VideoJob', () => {
    const stats = new DurationStats();
    stats.record('kling-video', 100_000);
    expect(pollTimes(seen(), { strategy: adaptive, stats })?.dueAt).toBe(100_000);
    const followed = { ...seen(), params: null };
    expect(pollTimes(followed, { strategy: adaptive, stats })?.dueAt).toBe(30_000);
  });

  it('after a failure both wait the backoff, never less than the server asked', () => {
    const limited = new RateLimitError({ status: 429, message: 'slow down', retryAfter: 12 });
    const state = applyFailure(seen(), limited, 5_000);
    expect(pollTimes(state, { strategy: adaptive })).toEqual({ eagerAt: 17_000, dueAt: 17_000 });
  });

  it('the due poll is never before the eager one', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.option(fc.integer({ min: 0, max: 99 }))),
          {
            maxLength: 12,
          },
        ),
        fc.array(fc.integer({ min: 1, max: 400_000 }), { maxLength: 5 }),
        fc.integer({ min: 500, max: 60_000 }),
        (gaps, history, interval) => {
          const stats = new DurationStats();
          for (const ms of history) stats.record('kling-video', ms);
          let at = 0;
          const answers = gaps.map(([gap, progress]): [number, number | null] => {
            at += gap;
            return [at, progress];
          });
          const state = seen(...answers);
          for (const strategy of [adaptive, fixedStrategy(interval)]) {
            const times = pollTimes(state, { strategy, stats });
            expect(times?.dueAt).toBeGreaterThanOrEqual(times?.eagerAt ?? Number.NaN);
            expect(times?.eagerAt).toBeGreaterThanOrEqual(state.updatedAt);
          }
        },
      ),
    );
  });
});
