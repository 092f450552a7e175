import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { initialSnapshot, type JobSnapshot, remainingMs } from '../job-state';
import { Ticker } from '../ticker';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('remainingMs', () => {
  const running = (etaMs: number | null) =>
    ({ ...initialSnapshot(0), status: 'processing', etaMs, updatedAt: 7_000 }) as JobSnapshot;

  it('counts the estimate down from when it was made, and stops at zero', () => {
    // The estimate was 20 s as of 7 s: at 12 s, 15 s are left.
    expect(remainingMs(running(20_000), 12_000)).toBe(15_000);
    expect(remainingMs(running(20_000), 40_000)).toBe(0);
  });

  it('is null without an estimate', () => {
    expect(remainingMs(running(null), 12_000)).toBeNull();
  });
});

describe('Ticker', () => {
  it('moves with the clock while someone listens, and holds still between ticks', async () => {
    const ticker = new Ticker(systemClock, 250);
    const listener = vi.fn();
    const unsubscribe = ticker.subscribe(listener);
    expect(ticker.getSnapshot()).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(ticker.getSnapshot()).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(ticker.getSnapshot()).toBe(250);
    await vi.advanceTimersByTimeAsync(500);
    expect(ticker.getSnapshot()).toBe(750);
    expect(listener).toHaveBeenCalledTimes(3);

    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('starts from the time it is first listened to', async () => {
    const ticker = new Ticker(systemClock);
    await vi.advanceTimersByTimeAsync(5_000);
    const unsubscribe = ticker.subscribe(() => undefined);
    expect(ticker.getSnapshot()).toBe(5_000);
    unsubscribe();
  });
});
