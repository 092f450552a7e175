import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import { RequestGate } from '../request-gate';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const mostInAnySecond = (times: number[]) =>
  Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length));

/** Lets `count` requests through `gate`, each spending `handOffMs(i)` between its turn and its send. */
async function sendThrough(gate: RequestGate, count: number, handOffMs: (i: number) => number) {
  const sends: number[] = [];
  const all = Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await gate.acquire();
      await new Promise((resolve) => setTimeout(resolve, handOffMs(i)));
      gate.sent();
      sends.push(Date.now());
    }),
  );
  await vi.runAllTimersAsync();
  await all;
  return sends;
}

it('lets at most maxPerSecond requests go in any second, first come first served', async () => {
  const sends = await sendThrough(new RequestGate(systemClock, 3), 10, () => 0);
  expect(sends).toHaveLength(10);
  expect(mostInAnySecond(sends)).toBe(3);
});

it('counts a request from its send, so a slow hand-off cannot crowd a window', async () => {
  // The first three take 300 ms from their turn to their send; the next three none.
  const sends = await sendThrough(new RequestGate(systemClock, 3), 6, (i) => (i < 3 ? 300 : 0));
  expect(mostInAnySecond(sends)).toBe(3);
});

it('closes for everyone for the Retry-After of a 429', async () => {
  const gate = new RequestGate(systemClock);
  const start = Date.now();
  gate.closeFor(4_000);
  const sends = await sendThrough(gate, 3, () => 0);
  expect(Math.min(...sends) - start).toBeGreaterThanOrEqual(4_000);
});

it('rejects a waiting request with its abort reason, and leaves no timer', async () => {
  const gate = new RequestGate(systemClock, 1);
  await gate.acquire();
  gate.sent();
  const controller = new AbortController();
  const waiting = gate.acquire(controller.signal);
  controller.abort(new Error('gone'));
  await expect(waiting).rejects.toThrow('gone');
  expect(vi.getTimerCount()).toBe(0);
});
