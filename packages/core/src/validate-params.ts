import { RequestValidationError, type ValidationIssue } from './errors';
import { createVideoRequestAliases, createVideoRequestRules } from './generated/rules';

/**
 * One rule of the compact form the generator writes from the spec (scripts/generate.ts): a
 * kind and its arguments, absent ones `null` or left off.
 * - `['s', minLength?, maxLength?]` a string; `['u', ...]` a string that is an absolute URL.
 * - `['i', minimum?, maximum?]` an integer; `['n', ...]` a finite number.
 * - `['b']` true or false. `['e', values]` one of `values`.
 * - `['a', minItems, maxItems?, item]` an array whose every item follows `item`.
 * - `['o', fields, required]` an object: its fields' rules, and the names it needs
 *   (separated by spaces).
 *
 * A small interpreter instead of Ajv, which would cost the browser bundle more than the whole
 * client; the compact data keeps the 47 fields of a create cheap too.
 */
export type Check =
  | readonly ['s' | 'u' | 'i' | 'n', (number | null)?, (number | null)?]
  | readonly ['b']
  | readonly ['e', readonly unknown[]]
  | readonly ['a', number, number | null, Check]
  | readonly ['o', Rules, string];

/** Rules of an object's fields: each entry is the field names (separated by spaces) and their check. */
export type Rules = readonly (readonly [string, ...Check])[];

const rules: Rules = createVideoRequestRules;
const aliases: Readonly<Record<string, readonly string[]>> = createVideoRequestAliases;

/** An object that is not null nor an array: a JSON object. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isUrl(value: string): boolean {
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

/** The value as the message quotes it; any value at all, whatever its `toString`. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text =
      typeof value === 'object' && value !== null
        ? (JSON.stringify(value) ?? typeof value)
        : typeof value === 'string'
          ? JSON.stringify(value)
          : String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Each kind's type test and how a message names the type (`u` is checked as `s`). */
const kinds: Record<
  Exclude<Check[0], 'e' | 'u'>,
  readonly [(value: unknown) => boolean, string]
> = {
  s: [(value) => typeof value === 'string', 'a string'],
  i: [Number.isInteger, 'an integer'],
  n: [Number.isFinite, 'a number'],
  b: [(value) => typeof value === 'boolean', 'true or false'],
  a: [Array.isArray, 'an array'],
  o: [isObject, 'an object'],
};

/** The first rule `value` breaks, as a sentence fragment, or undefined. */
function breach(value: unknown, [kind, a, b]: Check): string | undefined {
  const got = ` (got ${shown(value)})`;
  if (kind === 'e') {
    return a.includes(value) ? undefined : `must be one of ${a.map(shown).join(', ')}${got}`;
  }
  const [fits, type] = kinds[kind === 'u' ? 's' : kind];
  if (!fits(value)) return `must be ${type}${got}`;
  if (kind === 'u' && !isUrl(value as string)) return `must be an absolute URL${got}`;
  if (kind === 'b' || kind === 'o') return undefined;
  const counted = kind !== 'i' && kind !== 'n';
  // Characters as JSON Schema counts them (code points), so an emoji is one, as on the server.
  const size = counted ? [...(value as string | unknown[])].length : (value as number);
  const low = a != null && size < a;
  if (!low && !(b != null && size > b)) return undefined;
  const bound =
    a != null && b != null ? `between ${a} and ${b}` : low ? `at least ${a}` : `at most ${b}`;
  return counted
    ? `must have ${bound} ${kind === 'a' ? 'items' : 'characters'} (got ${size})`
    : `must be ${bound}${got}`;
}

function collect(value: unknown, check: Check, path: string, issues: ValidationIssue[]): void {
  const message = breach(value, check);
  if (message !== undefined) {
    issues.push({ field: path, message });
  } else if (check[0] === 'a') {
    (value as unknown[]).forEach((item, index) => {
      collect(item, check[3], `${path}.${index}`, issues);
    });
  } else if (check[0] === 'o') {
    collectFields(value as Record<string, unknown>, check[1], `${path}.`, issues);
    for (const name of check[2].split(' ')) {
      if (name && (value as Record<string, unknown>)[name] === undefined) {
        issues.push({ field: `${path}.${name}`, message: 'is required' });
      }
    }
  }
}

function collectFields(
  object: Record<string, unknown>,
  fields: Rules,
  prefix: string,
  issues: ValidationIssue[],
): void {
  for (const [names, ...check] of fields) {
    for (const name of names.split(' ')) {
      if (object[name] !== undefined) collect(object[name], check, `${prefix}${name}`, issues);
    }
  }
}

/**
 * The value sent for `field` under its own name or, when that is absent, under one of its
 * aliases (spec: `x-alias-of`; e.g. `seconds` for `duration`).
 */
export function aliasedValue(params: Readonly<Record<string, unknown>>, field: string): unknown {
  return [field, ...(aliases[field] ?? [])]
    .map((name) => params[name])
    .find((value) => value !== undefined);
}

/**
 * An alias sent with another value than its field, or than another alias of the same field:
 * the server refuses it, so the client does first.
 */
function aliasConflicts(params: Record<string, unknown>, issues: ValidationIssue[]): void {
  for (const [field, names] of Object.entries(aliases)) {
    const [first, ...others] = [field, ...names].filter((name) => params[name] !== undefined);
    for (const name of others) {
      if (params[name] !== params[first as string]) {
        issues.push({
          field: name,
          message: `must equal ${first} (${shown(params[first as string])}) when both are sent (got ${shown(params[name])})`,
        });
      }
    }
  }
}

/**
 * Every rule of the spec's create body that `params` breaks, each with the field and the rule,
 * alias conflicts included; empty when the body may be sent. Fields the spec does not list
 * pass, as the API lets them.
 */
export function validationIssues(params: unknown): ValidationIssue[] {
  if (!isObject(params))
    return [{ field: 'params', message: `must be an object (got ${shown(params)})` }];
  const issues: ValidationIssue[] = [];
  collectFields(params, rules, '', issues);
  aliasConflicts(params, issues);
  return issues;
}

/** Throws a `RequestValidationError` naming each field and rule the create params break. */
export function assertValidCreateParams(params: unknown): void {
  const issues = validationIssues(params);
  if (issues.length > 0) throw new RequestValidationError(issues);
}
