import { mostInAnyWindow } from '@lemonvideo/test-helpers/window-count';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../errors';
import { RequestBudget } from '../request-budget';

describe('RequestBudget', () => {
  it('defaults to the vendor’s 1,000 a minute, spread at 17 a second', () => {
    const budget = new RequestBudget();
    expect(budget.requestsPerMinute).toBe(1_000);
    expect(budget.requestsPerSecond).toBe(17);
    expect(new RequestBudget({ requestsPerSecond: 5 })).toMatchObject({
      requestsPerMinute: undefined,
      requestsPerSecond: 5,
    });
  });

  it.each([
    [{ requestsPerMinute: 0 }, 'requestsPerMinute: must be a whole number above 0 (got 0)'],
    [{ requestsPerSecond: 2.5 }, 'requestsPerSecond: must be a whole number above 0 (got 2.5)'],
  ])('refuses %j naming the field and the rule', (options, message) => {
    expect(() => new RequestBudget(options)).toThrow(RequestValidationError);
    expect(() => new RequestBudget(options)).toThrow(message);
  });

  it('says exactly when the next request may go', () => {
    const budget = new RequestBudget({ requestsPerSecond: 3 });
    for (const at of [0, 100, 200]) expect(budget.take(at)).toBe(true);
    expect(budget.waitMs(300)).toBe(720);
    expect(budget.take(1_019)).toBe(false);
    expect(budget.take(1_020)).toBe(true);
  });

  it('never lets more through than a limit in any window, whatever the attempts and 429s', () => {
    const attempt = fc.record({
      gap: fc.integer({ min: 0, max: 3_000 }),
      throttle: fc.option(fc.integer({ min: 0, max: 5_000 }), { freq: 8 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.option(fc.integer({ min: 1, max: 10 })),
        fc.array(attempt, { minLength: 1, maxLength: 400 }),
        (perMinute, perSecond, attempts) => {
          const budget = new RequestBudget({
            requestsPerMinute: perMinute,
            requestsPerSecond: perSecond ?? undefined,
          });
          const sent: number[] = [];
          let now = 0;
          let closedUntil = 0;
          for (const { gap, throttle } of attempts) {
            now += gap;
            const wait = budget.waitMs(now);
            if (budget.take(now)) {
              sent.push(now);
              expect(wait).toBe(0);
              expect(now).toBeGreaterThanOrEqual(closedUntil);
            }
            if (throttle !== null) {
              budget.throttle(now, throttle);
              closedUntil = Math.max(closedUntil, now + throttle);
            }
          }
          expect(mostInAnyWindow(sent, 60_000)).toBeLessThanOrEqual(perMinute);
          if (perSecond !== null)
            expect(mostInAnyWindow(sent, 1_000)).toBeLessThanOrEqual(perSecond);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 429 halves the budget once per burst, closes it for Retry-After, and it grows back', () => {
    const budget = new RequestBudget({ requestsPerMinute: 600, requestsPerSecond: 10 });
    expect(budget.rate(0)).toBeCloseTo(10 / 1_000);
    budget.throttle(0, 2_000);
    budget.throttle(500, 0);
    expect(budget.share(500)).toBe(0.5);
    expect(budget.waitMs(500)).toBe(1_500);
    expect(budget.rate(2_000)).toBeCloseTo(5 / 1_000);
    const sent = [];
    for (let at = 2_000; at < 3_000; at += 10) if (budget.take(at)) sent.push(at);
    expect(sent).toHaveLength(5);
    budget.throttle(1_500, 0);
    expect(budget.share(1_500)).toBe(0.25);
    expect(budget.share(11_500)).toBeCloseTo(0.35);
    expect(budget.share(81_500)).toBe(1);
  });

  it('never falls below a sixteenth of the budget', () => {
    const budget = new RequestBudget({ requestsPerMinute: 1_600 });
    for (let at = 0; at < 20_000; at += 1_000) budget.throttle(at);
    expect(budget.share(20_000)).toBe(1 / 16);
  });
});
