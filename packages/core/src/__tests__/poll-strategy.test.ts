import { describe, expect, it } from 'vitest';
import { DurationStats } from '../duration-stats';
import { adaptiveStrategy, fixedStrategy, type PollContext } from '../poll-strategy';

const context = (overrides: Partial<PollContext> = {}): PollContext => ({
  now: 0,
  createdAt: 0,
  samples: [],
  typicalDuration: undefined,
  failures: 0,
  retryAfterMs: undefined,
  ...overrides,
});
const noJitter = () => 1;

describe('adaptiveStrategy', () => {
  const strategy = adaptiveStrategy({}, noJitter);

  it('with nothing known, starts at the floor and slows to the ceiling as time passes', () => {
    expect(strategy.nextDelay(context({ now: 0 }))).toBe(1_000);
    expect(strategy.nextDelay(context({ now: 20_000 }))).toBe(4_000);
    expect(strategy.nextDelay(context({ now: 200_000 }))).toBe(10_000);
    expect(strategy.remaining(context({ now: 20_000 }))).toBeNull();
  });

  // Progress in steps of 5 from 10 % at 10 s to 70 % at 70 s: 1 % a second, the end near 100 s.
  const samples = [10, 25, 40, 55, 70].map((progress) => ({
    at: progress * 1000,
    progress,
  }));

  it('from progress, waits at the ceiling while the end is far', () => {
    expect(strategy.nextDelay(context({ now: 70_000, samples }))).toBe(10_000);
    expect(strategy.remaining(context({ now: 70_000, samples }))).toBeCloseTo(27_500, -2);
  });

  it('from progress, aims at the window where the end is due, then polls at the floor in it', () => {
    const near = [...samples, { at: 90_000, progress: 90 }];
    // The window opens a step (5 s) plus a tenth of the time left before 100 s.
    expect(strategy.nextDelay(context({ now: 90_000, samples: near }))).toBe(4_000);
    expect(strategy.nextDelay(context({ now: 95_000, samples: near }))).toBe(1_000);
    expect(strategy.nextDelay(context({ now: 100_500, samples: near }))).toBe(1_000);
  });

  it('backs off once the window has passed, and then says there is no estimate', () => {
    const near = [...samples, { at: 90_000, progress: 90 }];
    expect(strategy.nextDelay(context({ now: 111_000, samples: near }))).toBe(5_000);
    expect(strategy.remaining(context({ now: 111_000, samples: near }))).toBeNull();
  });

  it('without progress, uses the middle half of past durations of tasks like this one', () => {
    const typicalDuration = { median: 90_000, low: 85_000, high: 95_000 };
    expect(strategy.nextDelay(context({ now: 30_000, typicalDuration }))).toBe(10_000);
    expect(strategy.nextDelay(context({ now: 80_000, typicalDuration }))).toBe(5_000);
    expect(strategy.nextDelay(context({ now: 88_000, typicalDuration }))).toBe(1_000);
    expect(strategy.remaining(context({ now: 80_000, typicalDuration }))).toBe(10_000);
  });

  it('backs off after failed polls, and waits at least the Retry-After', () => {
    expect(strategy.nextDelay(context({ failures: 1 }))).toBe(1_000);
    expect(strategy.nextDelay(context({ failures: 3 }))).toBe(4_000);
    expect(strategy.nextDelay(context({ failures: 9 }))).toBe(10_000);
    expect(strategy.nextDelay(context({ failures: 1, retryAfterMs: 30_000 }))).toBe(30_000);
  });

  it('stays between min and max, whatever the jitter', () => {
    const bounded = adaptiveStrategy({ min: 2_000, max: 8_000 }, () => 0);
    for (const now of [0, 5_000, 50_000, 500_000]) {
      const delay = bounded.nextDelay(context({ now, samples }));
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});

describe('fixedStrategy', () => {
  it('polls at its interval, and backs off after failures', () => {
    const fixed = fixedStrategy(5_000);
    expect(fixed.nextDelay(context())).toBe(5_000);
    expect(fixed.nextDelay(context({ failures: 2 }))).toBe(10_000);
    expect(fixed.remaining(context())).toBeNull();
  });
});

describe('DurationStats', () => {
  it('gives the median and quartiles of the first key that has samples', () => {
    const stats = new DurationStats();
    for (const ms of [10, 20, 30, 40, 50]) stats.record('kling|5|720p', ms * 1000);
    stats.record('kling', 99_000);
    expect(stats.typical('kling|5|720p', 'kling')).toEqual({
      median: 30_000,
      low: 20_000,
      high: 40_000,
    });
    expect(stats.typical('kling|10|1080p', 'kling')).toEqual({
      median: 99_000,
      low: 99_000,
      high: 99_000,
    });
    expect(stats.typical('veo')).toBeUndefined();
  });

  it('ignores durations that are not finite and non-negative', () => {
    const stats = new DurationStats();
    stats.record('a', Number.NaN);
    stats.record('a', -1);
    expect(stats.typical('a')).toBeUndefined();
  });
});
