import { RequestValidationError, type ValidationIssue, validationIssue } from './errors';
import { createVideoRequestRules } from './generated/rules';

/**
 * The subset of JSON Schema the spec's request rules use. The rules themselves are generated
 * from spec/openapi.yaml; this small interpreter stands in for Ajv, which would cost the
 * browser bundle more than the whole client.
 */
export interface Rule {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Rule>>;
  readonly items?: Rule;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly 'x-pattern-message'?: string;
  readonly format?: string;
}

const article: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

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

function rangeMessage(rule: Rule): string | undefined {
  const { minimum: min, maximum: max } = rule;
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  if (min !== undefined) return `must be at least ${min}`;
  if (max !== undefined) return `must be at most ${max}`;
  return undefined;
}

/** The first rule `value` breaks, as a sentence fragment, or undefined. */
function breach(value: unknown, rule: Rule): string | undefined {
  if (rule.type !== undefined && !hasType(value, rule.type)) {
    return `must be ${article[rule.type] ?? rule.type} (got ${shown(value)})`;
  }
  if (rule.enum !== undefined && !rule.enum.includes(value)) {
    return `must be one of ${rule.enum.map(shown).join(', ')} (got ${shown(value)})`;
  }
  if (typeof value === 'number') {
    const outside =
      (rule.minimum !== undefined && value < rule.minimum) ||
      (rule.maximum !== undefined && value > rule.maximum);
    if (outside) return `${rangeMessage(rule)} (got ${value})`;
  }
  if (typeof value === 'string') {
    if (rule.minLength !== undefined && value.length < rule.minLength) {
      return rule.minLength === 1
        ? 'must not be empty'
        : `must be at least ${rule.minLength} characters`;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      return `must be at most ${rule.maxLength} characters`;
    }
    if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value)) {
      return `${rule['x-pattern-message'] ?? `must match ${rule.pattern}`} (got ${shown(value)})`;
    }
    if (rule.format === 'uri' && !isUrl(value))
      return `must be an absolute URL (got ${shown(value)})`;
  }
  return undefined;
}

function collect(value: unknown, rule: Rule, path: string, issues: ValidationIssue[]): void {
  const message = breach(value, rule);
  if (message !== undefined) {
    issues.push(validationIssue(path === '' ? 'params' : path, message));
    return;
  }
  const prefix = path === '' ? '' : `${path}.`;
  if (Array.isArray(value) && rule.items !== undefined) {
    value.forEach((item, index) => {
      collect(item, rule.items as Rule, `${prefix}${index}`, issues);
    });
  }
  if (rule.properties === undefined || !hasType(value, 'object')) return;
  const object = value as Record<string, unknown>;
  for (const name of rule.required ?? []) {
    if (object[name] === undefined) issues.push(validationIssue(`${prefix}${name}`, 'is required'));
  }
  for (const [name, child] of Object.entries(rule.properties)) {
    if (object[name] !== undefined) collect(object[name], child, `${prefix}${name}`, issues);
  }
}

/** Every rule of `rules` that `value` breaks; empty when it is valid. */
export function validationIssues(value: unknown, rules: Rule): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  collect(value, rules, '', issues);
  return issues;
}

/** Throws a `RequestValidationError` naming each field and rule the create params break. */
export function assertValidCreateParams(params: unknown): void {
  const issues = validationIssues(params, createVideoRequestRules);
  if (issues.length > 0) throw new RequestValidationError(issues);
}
