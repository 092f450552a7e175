import { describe, expect, it } from 'vitest';
import { affordableTasks, BatchScheduler } from '../batch-scheduler';
import { DurationStats } from '../duration-stats';
import { RateLimitError } from '../errors';
import { adaptiveStrategy } from '../poll-strategy';
import type { VideoTask } from '../task';
import type { TaskState } from '../task-state';
import {
  applyFailure,
  applyTask,
  followedTask,
  prepareCreate,
  queuedTask,
} from '../task-transitions';

const strategy = adaptiveStrategy({}, () => 1);
const queued = (key: string, model = 'kling-video') =>
  queuedTask({ model, prompt: 'x' }, { key, now: 0 });
const task = (id: string, status: string, progress: number | null = null): VideoTask => ({
  id,
  status,
  progress,
  video: status === 'completed' ? { url: `https://cdn.test/${id}.mp4` } : null,
  error: null,
  cancelled: false,
  model: null,
  pollUrl: null,
  raw: { id } as never,
});
const created = (state: TaskState, at: number) =>
  applyTask(prepareCreate(state, at), task(`video_${state.key}`, 'pending'), at, {
    polled: false,
  });
const scheduler = (states: TaskState[]) =>
  new BatchScheduler(states, { strategy, stats: new DurationStats() });
/** Plenty: 1,000 requests a second. */
const plenty = 1;

describe('affordableTasks', () => {
  it('is Little’s law while many tasks wait: the polls of the active tasks and the creates to come', () => {
    // 1,000 a minute, 3 requests over 60 s each: 1,000 requests in a task's life, 3 each.
    expect(affordableTasks(1_000 / 60_000, 3, 60_000)).toBe(333);
    expect(affordableTasks(1_000 / 60_000, 3, 60_000, 5_000)).toBe(333);
    // With 100 left to create, only their creates are to come: (1,000 - 100) / 2 polls each.
    expect(affordableTasks(1_000 / 60_000, 3, 60_000, 100)).toBe(450);
    expect(affordableTasks(1 / 60_000, 3, 1_000)).toBe(1);
    expect(affordableTasks(Number.POSITIVE_INFINITY, 3, 1_000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('BatchScheduler', () => {
  it('refuses two tasks with one key, naming the second', () => {
    expect(() => scheduler([queued('a'), queued('b'), queued('a')])).toThrow(
      'tasks[2].key: must be unique within a batch ("a" is there twice).',
    );
  });

  it('creates in the order given, then waits for the first poll to come due', () => {
    const batch = scheduler([queued('a'), queued('b')]);
    expect(batch.next(0, plenty)).toMatchObject({ key: 'a', reason: 'create' });
    expect(batch.next(0, plenty)).toMatchObject({ key: 'b', reason: 'create' });
    expect(batch.next(0, plenty)).toEqual({ wakeAt: null });
    batch.settle('a', created(queued('a'), 0));
    // Its eager poll at 1 s (adaptive, nothing known yet); its due poll at 30 s.
    expect(batch.next(0, plenty)).toEqual({ wakeAt: 1_000 });
    expect(batch.next(1_000, plenty)).toMatchObject({ key: 'a', reason: 'eager' });
  });

  it('a due poll goes before a create, and a create before an eager poll', () => {
    const batch = scheduler([queued('a'), queued('b'), queued('c')]);
    batch.next(0, plenty);
    batch.settle('a', created(queued('a'), 0));
    // At 30 s, a's due poll beats b's create, and b's create beats a spare poll.
    expect(batch.next(30_000, plenty)).toMatchObject({ key: 'a', reason: 'due' });
    expect(batch.next(30_000, plenty)).toMatchObject({ key: 'b', reason: 'create' });
  });

  it('of the due polls, the one due the longest goes first', () => {
    const batch = scheduler([queued('a'), queued('b', 'veo3.1')]);
    batch.next(0, plenty);
    batch.next(0, plenty);
    batch.settle('b', created(queued('b', 'veo3.1'), 0));
    batch.settle('a', created(queued('a'), 5_000));
    expect(batch.next(40_000, plenty)).toMatchObject({ key: 'b', reason: 'due' });
    expect(batch.next(40_000, plenty)).toMatchObject({ key: 'a', reason: 'due' });
  });

  it('admits a create only while the budget can afford the polls of the tasks already running', () => {
    const batch = scheduler([queued('a'), queued('b')]);
    // One request a minute affords one task at a time.
    const scarce = 1 / 60_000;
    expect(batch.next(0, scarce)).toMatchObject({ key: 'a', reason: 'create' });
    expect(batch.load(0, scarce)).toMatchObject({ active: 1, affordable: 1 });
    const a = created(queued('a'), 0);
    batch.settle('a', a);
    expect(batch.next(0, scarce)).toEqual({ wakeAt: 1_000 });
    expect(batch.next(1_000, scarce)).toMatchObject({ key: 'a', reason: 'eager' });
    batch.settle('a', applyTask(a, task('video_a', 'completed'), 2_000, { polled: true }));
    expect(batch.next(2_000, scarce)).toMatchObject({ key: 'b', reason: 'create' });
  });

  it('a create the API refused for now goes back in its place, after its Retry-After', () => {
    const batch = scheduler([queued('a'), queued('b'), queued('c')]);
    batch.next(0, plenty);
    const limited = new RateLimitError({ status: 429, message: 'slow down', retryAfter: 5 });
    batch.settle('a', applyFailure(prepareCreate(queued('a'), 0), limited, 0));
    expect(batch.next(0, plenty)).toMatchObject({ key: 'b', reason: 'create' });
    expect(batch.next(0, plenty)).toMatchObject({ key: 'c', reason: 'create' });
    expect(batch.next(0, plenty)).toEqual({ wakeAt: 5_000 });
    expect(batch.next(5_000, plenty)).toMatchObject({ key: 'a', reason: 'create' });
    expect(batch.states().map((state) => state.key)).toEqual(['a', 'b', 'c']);
  });

  it('learns the requests a task needs from the tasks that complete', () => {
    const batch = scheduler([queued('a')]);
    expect(batch.load(0, plenty)).toMatchObject({ requestsPerTask: 3, taskMs: 120_000 });
    batch.next(0, plenty);
    const a = created(queued('a'), 0);
    batch.settle('a', a);
    expect(batch.load(0, plenty)).toMatchObject({ active: 1, taskMs: 120_000 });
    batch.next(30_000, plenty);
    batch.settle('a', applyTask(a, task('video_a', 'completed'), 120_000, { polled: true }));
    // Its create and one due poll, with the prior (3 requests) weighing as 5 tasks.
    expect(batch.load(120_000, plenty)).toMatchObject({ active: 0, requestsPerTask: 17 / 6 });
    expect(batch.finished).toBe(true);
  });

  it('until a task of a kind has ended, polls only the oldest of its kind; then all, from what it took', () => {
    const keys = ['a', 'b', 'c'];
    const batch = scheduler(keys.map((key) => queued(key)));
    for (const _ of keys) batch.next(0, plenty);
    keys.forEach((key, i) => {
      batch.settle(key, created(queued(key), i * 5_000));
    });
    /** Answers a spare poll: still running. */
    const spare = (at: number) => {
      const picked = batch.next(at, plenty);
      expect(picked).toMatchObject({ reason: 'eager' });
      const { key, state } = picked as { key: string; state: TaskState };
      batch.settle(key, applyTask(state, task(`video_${key}`, 'processing'), at, { polled: true }));
    };
    // a, the oldest, is the probe: due at 30 s; b and c wait on it, even while it is polled.
    expect(batch.next(30_000, plenty)).toMatchObject({ key: 'a', reason: 'due' });
    spare(40_000);
    const a = applyTask(created(queued('a'), 0), task('video_a', 'processing'), 30_000, {
      polled: true,
    });
    batch.settle('a', a);
    // a is next due at 60 s (half its age again, at least 30 s); b and c at that age, 65 s and 70 s.
    spare(59_000);
    expect(batch.next(60_000, plenty)).toMatchObject({ key: 'a', reason: 'due' });
    batch.settle('a', applyTask(a, task('video_a', 'completed'), 60_000, { polled: true }));
    // Tasks of its kind take 45 s (between 30 s and 60 s): b was due at 50 s; c, polled at
    // 59 s and past its window, is due a fifth of its age later (68.8 s).
    expect(batch.next(60_000, plenty)).toMatchObject({ key: 'b', reason: 'due' });
    expect(batch.next(68_800, plenty)).toMatchObject({ key: 'c', reason: 'due' });
  });

  it('polls each task it follows by id on its own times: their start is unknown', () => {
    const [a, b] = ['a', 'b'].map((key, i) =>
      followedTask(`video_${key}`, { key, now: i * 5_000 }),
    ) as [TaskState, TaskState];
    const batch = scheduler([a, b]);
    expect(batch.next(0, plenty)).toMatchObject({ key: 'a', reason: 'due' });
    batch.settle('a', applyTask(a, task('video_a', 'processing'), 1_000, { polled: true }));
    // b is not held until a's next poll (at 31 s) as a task of a's kind created here would be.
    expect(batch.next(5_000, plenty)).toMatchObject({ key: 'b', reason: 'due' });
  });
});
