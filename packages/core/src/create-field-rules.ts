import { createVideoRequestAliases, createVideoRequestRules } from './generated/rules';
import type { Check, Rules } from './validate-params';

/**
 * The rule of one create field in JSON Schema's words, for forms and command lines that
 * offer, parse and explain the fields (decoded from the spec's compact rules).
 */
export interface FieldRule {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  /** `uri`: an absolute URL. */
  readonly format?: 'uri';
  /** The only values allowed (the spec's enum), e.g. the aspect ratios. */
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The rule of each item of an array. */
  readonly items?: FieldRule;
  /** The rules of an object's fields. */
  readonly properties?: Readonly<Record<string, FieldRule>>;
  /** The fields an object needs. */
  readonly required?: readonly string[];
  /** The field this one is an alias of, e.g. `duration` for `seconds` (spec: `x-alias-of`). */
  readonly aliasOf?: string;
}

const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value != null));

function decode([kind, a, b, c]: Check): FieldRule {
  switch (kind) {
    case 's':
    case 'u':
      return defined({
        type: 'string',
        format: kind === 'u' ? 'uri' : undefined,
        minLength: a,
        maxLength: b,
      }) as unknown as FieldRule;
    case 'i':
    case 'n':
      return defined({
        type: kind === 'i' ? 'integer' : 'number',
        minimum: a,
        maximum: b,
      }) as unknown as FieldRule;
    case 'b':
      return { type: 'boolean' };
    case 'e':
      return { type: 'string', enum: a as readonly string[] };
    case 'a':
      return defined({
        type: 'array',
        minItems: a,
        maxItems: b,
        items: decode(c as Check),
      }) as unknown as FieldRule;
    case 'o':
      return {
        type: 'object',
        properties: decodeFields(a as Rules),
        required: (b as string).split(' ').filter(Boolean),
      };
  }
}

function decodeFields(rules: Rules): Record<string, FieldRule> {
  const fields: Record<string, FieldRule> = {};
  for (const [names, ...check] of rules) {
    for (const name of names.split(' ')) fields[name] = decode(check);
  }
  return fields;
}

let decoded: Readonly<Record<string, FieldRule>> | undefined;

/**
 * Every field of the create body (spec: CreateVideoRequest) with its rule: type, range, enum,
 * item counts and, for an alias, the field it stands for. The same rules `videos.create`
 * checks before sending anything.
 */
export function createFieldRules(): Readonly<Record<string, FieldRule>> {
  if (decoded === undefined) {
    const fields = decodeFields(createVideoRequestRules);
    for (const [field, aliases] of Object.entries(createVideoRequestAliases)) {
      for (const alias of aliases)
        fields[alias] = { ...fields[alias], aliasOf: field } as FieldRule;
    }
    decoded = fields;
  }
  return decoded;
}
