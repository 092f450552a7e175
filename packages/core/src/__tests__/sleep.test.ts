import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../sleep';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('sleep', () => {
  it('waits 2^31 ms and longer in full, where one timer would fire at once', async () => {
    for (const ms of [2 ** 31, 2 ** 31 - 1 + 5, 90 * 24 * 3_600_000]) {
      const wait = sleep(ms);
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(await settled(wait)).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await settled(wait)).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    }
  });

  it('never ends for Infinity, and still rejects on abort, leaving no timer', async () => {
    const controller = new AbortController();
    const wait = sleep(Number.POSITIVE_INFINITY, controller.signal);
    await vi.advanceTimersByTimeAsync(10 * 2 ** 31);
    expect(await settled(wait)).toBe(false);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(wait).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops a chained wait on abort, leaving no timer', async () => {
    const controller = new AbortController();
    const wait = sleep(3 * 2 ** 31, controller.signal);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    controller.abort(new Error('stop'));
    await expect(wait).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });
});
