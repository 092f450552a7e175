import { fileURLToPath } from 'node:url';
import { banner, readSpec, runGenerator, type Spec } from '../../../scripts/codegen.ts';

const generator = 'packages/core/scripts/generate.ts';
const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

type Schema = Record<string, unknown>;

/**
 * Keywords of a create field that carry no rule for the client: words, the server's defaults,
 * the alias mark (it becomes the alias table) and `additionalProperties` (the server checks
 * closed objects; the client letting more through is never stricter than the server). Any
 * other keyword stops the generator, so a rule the validator cannot check is never dropped
 * in silence.
 */
const wordsOnly = new Set([
  'description',
  'examples',
  'default',
  'x-alias-of',
  'additionalProperties',
]);
const ruleKeywords: Record<string, readonly string[]> = {
  string: ['type', 'format', 'minLength', 'maxLength', 'enum'],
  integer: ['type', 'minimum', 'maximum'],
  number: ['type', 'minimum', 'maximum'],
  boolean: ['type'],
  array: ['type', 'minItems', 'maxItems', 'items'],
  object: ['type', 'properties', 'required'],
};

/** A schema with its local `$ref` followed; the referring schema's own keywords win. */
function resolved(spec: Spec, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : spec.components.schemas[name];
  if (!target) throw new Error(`spec: ${ref} does not resolve to a component schema`);
  const { $ref: _ref, ...own } = schema;
  return { ...resolved(spec, target), ...own };
}

/** The named enum schema a field refers to (e.g. `AspectRatio`), if any. */
function enumName(schema: Schema): string | undefined {
  return typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
}

/** `AspectRatio` → `aspectRatios`: the exported constant of a named enum. */
const constantOf = (name: string) => `${name[0]?.toLowerCase()}${name.slice(1)}s`;

/** Placeholder of a constant's name inside JSON, replaced by the bare identifier at the end. */
const reference = (name: string) => `@@${constantOf(name)}@@`;

/** Trailing absent arguments dropped, absent middle ones as null: `['i', -1, 60]`, `['i', 0]`. */
function tuple(kind: string, ...args: unknown[]): unknown[] {
  const values = args.map((value) => value ?? null);
  while (values.length > 0 && values.at(-1) === null) values.pop();
  return [kind, ...values];
}

/**
 * The compact check of one schema (see `Check` in src/validate-params.ts):
 * `['s'|'u', minLength, maxLength]`, `['i'|'n', minimum, maximum]`, `['b']`,
 * `['e', values]`, `['a', minItems, maxItems, item]`, `['o', fields, required]`.
 */
function check(spec: Spec, where: string, raw: Schema, enums: Map<string, unknown[]>): unknown[] {
  const schema = resolved(spec, raw);
  const type = schema.type;
  if (typeof type !== 'string' || !(type in ruleKeywords)) {
    throw new Error(`spec: ${where} needs one type the validator knows (got ${String(type)})`);
  }
  for (const key of Object.keys(schema)) {
    if (!wordsOnly.has(key) && !ruleKeywords[type]?.includes(key)) {
      throw new Error(`spec: ${where}: the create validator cannot check '${key}'`);
    }
  }
  if (Array.isArray(schema.enum)) {
    const name = enumName(raw);
    if (name === undefined) return ['e', schema.enum];
    enums.set(name, schema.enum);
    return ['e', reference(name)];
  }
  switch (type) {
    case 'string':
      return tuple(schema.format === 'uri' ? 'u' : 's', schema.minLength, schema.maxLength);
    case 'integer':
      return tuple('i', schema.minimum, schema.maximum);
    case 'number':
      return tuple('n', schema.minimum, schema.maximum);
    case 'boolean':
      return ['b'];
    case 'array':
      return [
        'a',
        schema.minItems ?? 0,
        schema.maxItems ?? null,
        check(spec, `${where}.items`, schema.items as Schema, enums),
      ];
    default: {
      const required = (schema.required as string[] | undefined) ?? [];
      return ['o', fields(spec, where, schema, enums), required.join(' ')];
    }
  }
}

/** Fields with the same check share one entry: `[names separated by spaces, ...check]`. */
function fields(spec: Spec, where: string, schema: Schema, enums: Map<string, unknown[]>) {
  const groups = new Map<string, { names: string[]; check: unknown[] }>();
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const [name, child] of Object.entries(properties)) {
    const fieldCheck = check(spec, `${where}.${name}`, child, enums);
    const key = JSON.stringify(fieldCheck);
    const group = groups.get(key) ?? { names: [], check: fieldCheck };
    group.names.push(name);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ names, check }) => [names.join(' '), ...check]);
}

/** `duration` → `['seconds']`: each field with the properties marked `x-alias-of` it. */
function aliases(create: Schema): Record<string, string[]> {
  const properties = (create.properties ?? {}) as Record<string, Schema>;
  const table: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const field = schema['x-alias-of'];
    if (field === undefined) continue;
    if (typeof field !== 'string' || !(field in properties)) {
      throw new Error(`spec: CreateVideoRequest.${name}: x-alias-of names no field of the request`);
    }
    table[field] = [...(table[field] ?? []), name];
  }
  return table;
}

function enumOf(spec: Spec, name: string): unknown {
  const values = spec.components.schemas[name]?.enum;
  if (!Array.isArray(values)) throw new Error(`spec: components.schemas.${name} has no enum`);
  return values;
}

const enumDocs: Record<string, string> = {
  VideoOperation: 'The operations a create can ask for',
  AspectRatio: 'The aspect ratios a create can ask for',
  Resolution: 'The resolutions a create can ask for',
  OutputFormat: 'The containers a create can ask for',
  ServiceTier: 'The service tiers a create can ask for',
  ReferenceImageType: 'The ways a create can use its reference images',
};

export async function build(): Promise<Record<string, string>> {
  const spec = await readSpec();
  const create = spec.components.schemas.CreateVideoRequest;
  if (!create) throw new Error('spec: components.schemas.CreateVideoRequest is missing');
  if (create.required !== undefined) {
    throw new Error('spec: CreateVideoRequest has `required`; the vendor requires no field');
  }
  const enums = new Map<string, unknown[]>();
  const rules = fields(spec, 'CreateVideoRequest', create, enums);
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const literal = `[\n${rules.map((rule) => `  ${JSON.stringify(rule)},\n`).join('')}]`.replace(
    /"@@(\w+)@@"/g,
    '$1',
  );
  const enumConstants = [...enums]
    .map(([name, values]) => {
      const doc = enumDocs[name] ?? `Values of ${name}`;
      return `/** ${doc} (spec: ${name}). */\nexport const ${constantOf(name)} = ${JSON.stringify(values)} as const;\n`;
    })
    .join('\n');
  const schemas = `${banner(generator)}
${enumConstants}
/**
 * Validation rules of the create body (spec: CreateVideoRequest), in the compact form that
 * \`validate-params.ts\` reads: one entry per rule, \`[field names, kind, ...arguments]\`.
 */
export const createVideoRequestRules = ${literal} as const;

/**
 * The aliases of each field of the create body (spec: \`x-alias-of\`): send either, or both with
 * the same value.
 */
export const createVideoRequestAliases = ${JSON.stringify(aliases(create))} as const;

/** Status words of a task still running (spec: RunningTaskStatus). */
export const runningTaskStatuses = ${json(enumOf(spec, 'RunningTaskStatus'))} as const;

/** Terminal status words with a video (spec: SucceededTaskStatus). */
export const succeededTaskStatuses = ${json(enumOf(spec, 'SucceededTaskStatus'))} as const;

/** Terminal status words without a video (spec: FailedTaskStatus). */
export const failedTaskStatuses = ${json(enumOf(spec, 'FailedTaskStatus'))} as const;
`;
  return { [out('rules.ts')]: schemas };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
