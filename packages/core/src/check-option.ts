import { RequestValidationError } from './errors';
import { shown } from './validate-params';

/**
 * `value` when `valid`, `fallback` when it is undefined; anything else throws a
 * `RequestValidationError` naming `path` and the `rule` it breaks, with the value it got.
 */
export function checkOption<T>(
  value: T | undefined,
  path: string,
  fallback: T,
  valid: (value: T) => boolean,
  rule: string,
): T {
  if (value === undefined) return fallback;
  if (valid(value)) return value;
  throw new RequestValidationError([{ field: path, message: `${rule} (got ${shown(value)})` }]);
}

/**
 * The rule of every timeout, interval and size option: a number above 0, `Infinity` meaning
 * none (unless `finite`). NaN, 0, a negative number or a non-number is refused.
 */
export const positiveOption = (
  value: number | undefined,
  path: string,
  fallback: number,
  finite = false,
): number =>
  checkOption(
    value,
    path,
    fallback,
    (ms) => typeof ms === 'number' && ms > 0 && !(finite && ms === Infinity),
    `must be a number above 0${finite ? '' : ', or Infinity for none'}`,
  );

/**
 * The rule of every count option: a whole number, `min` (0 or 1) or more. Anything else is
 * refused as `checkOption` refuses it.
 */
export const wholeOption = <T extends number | undefined>(
  value: number | undefined,
  path: string,
  fallback: T,
  min: 0 | 1,
): number | T =>
  checkOption<number | T>(
    value,
    path,
    fallback,
    (n) => Number.isInteger(n) && (n as number) >= min,
    min ? 'must be a whole number above 0' : 'must be a whole number, 0 or more',
  );
