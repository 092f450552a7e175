/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** A seeded `Random` (mulberry32): the same seed gives the same sequence, so a run replays. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value between `min` and `max` drawn from `random`. */
export function between(random: Random, [min, max]: readonly [number, number]): number {
  return min + random() * (max - min);
}

/** `length` characters of `alphabet` (default [a-z0-9]) drawn from `random`. */
export function randomToken(
  random: Random,
  length: number,
  alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789',
): string {
  let token = '';
  for (let i = 0; i < length; i++) token += alphabet[Math.floor(random() * alphabet.length)];
  return token;
}
