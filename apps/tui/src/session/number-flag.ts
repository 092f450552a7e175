import { UsageError } from './errors';

interface NumberRule {
  integer?: boolean;
  min: number;
  max?: number;
}

/** `text` as a number, the whole text or an error naming `flag`: `--port 80x` is no port. */
export function numberFlag(flag: string, text: string, rule: NumberRule): number {
  const pattern = rule.integer ? /^\d+$/ : /^(\d+\.?\d*|\.\d+)$/;
  const value = Number(text.trim());
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (!pattern.test(text.trim())) {
    throw new UsageError(`${flag} must be ${kind} (got ${JSON.stringify(text)})`);
  }
  if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    const range =
      rule.max === undefined ? `at least ${rule.min}` : `between ${rule.min} and ${rule.max}`;
    throw new UsageError(`${flag} must be ${range} (got ${text.trim()})`);
  }
  return value;
}
