import { createFieldRules, type FieldRule } from './create-field-rules';
import type { ValidationIssue } from './errors';
import type { CreateVideoParams } from './task';
import { validationIssues } from './validate-params';

/**
 * What a person typed for each create field, by the field's name in the spec (`fps`,
 * `image_url`): a form's inputs, or a command line's flags. Blank or missing text means "not
 * sent".
 */
export type CreateParamsText = Readonly<Record<string, string | undefined>>;

/** Create params read from text, and the rules of the spec they break. */
export interface ParsedCreateParams {
  params: CreateVideoParams;
  /** Every rule broken, as `videos.create` would report it; empty when the params are valid. */
  issues: ValidationIssue[];
}

const integerText = /^[+-]?\d+$/;
const numberText = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const booleanWords: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  false: false,
  no: false,
  off: false,
  '0': false,
};
/** The items of a list: separated by spaces or commas, a data URL (`data:…,…`) whole. */
const listItem = /data:\S+|[^\s,]+/g;

/** JSON text of an array or object, parsed; undefined when it is not JSON. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `text` as the rule's type; text that is not one stays text, so the rule names it. */
function typed(text: string, rule: FieldRule | undefined): unknown {
  if ((rule?.type === 'array' || rule?.type === 'object') && /^[[{]/.test(text)) {
    return parsedJson(text) ?? text;
  }
  switch (rule?.type) {
    case 'integer':
      return integerText.test(text) ? Number(text) : text;
    case 'number':
      return numberText.test(text) ? Number(text) : text;
    case 'boolean':
      return booleanWords[text.toLowerCase()] ?? text;
    case 'array':
      return (text.match(listItem) ?? []).map((item) => typed(item, rule.items));
    default:
      return text;
  }
}

/**
 * Create params from typed text, each field as the spec's rules type it (spec:
 * CreateVideoRequest), so a field the spec adds is read with no change here. Numbers and
 * integers must be the whole text (`12abc` stays text: `must be an integer (got "12abc")`);
 * true or false may be written `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`; a list is
 * its items separated by spaces or commas, or JSON (text starting with `[`; an object field,
 * such as an item of `kling_elements`, is JSON starting with `{`). Text that is not valid JSON
 * stays text, so the rule names it. Text is trimmed and blank text left out. A field
 * the spec does not know is sent as its text. The issues are those `videos.create` checks.
 */
export function parseCreateParams(text: CreateParamsText): ParsedCreateParams {
  const fields = createFieldRules();
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(text)) {
    const trimmed = value?.trim();
    if (trimmed) body[name] = typed(trimmed, fields[name]);
  }
  return { params: body as CreateVideoParams, issues: validationIssues(body) };
}
