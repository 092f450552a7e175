import { fileURLToPath } from 'node:url';
import { banner, readSpec, runGenerator, type Spec } from '../../../scripts/codegen.ts';

const generator = 'packages/core/scripts/generate.ts';
const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

/** Only the keywords the runtime validator reads; descriptions and examples stay in the spec. */
const ruleKeys = [
  'type',
  'required',
  'properties',
  'items',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'x-pattern-message',
  'format',
] as const;

function rules(schema: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of ruleKeys) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === 'properties') {
      const properties = value as Record<string, Record<string, unknown>>;
      kept[key] = Object.fromEntries(
        Object.entries(properties).map(([name, child]) => [name, rules(child)]),
      );
    } else if (key === 'items') {
      kept[key] = rules(value as Record<string, unknown>);
    } else {
      kept[key] = value;
    }
  }
  return kept;
}

function enumOf(spec: Spec, name: string): unknown {
  const values = spec.components.schemas[name]?.enum;
  if (!Array.isArray(values)) throw new Error(`spec: components.schemas.${name} has no enum`);
  return values;
}

export async function build(): Promise<Record<string, string>> {
  const spec = await readSpec();
  const create = spec.components.schemas.CreateVideoRequest;
  if (!create) throw new Error('spec: components.schemas.CreateVideoRequest is missing');
  const defaultModel = (create.properties as Record<string, { default?: unknown }>).model?.default;
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const schemas = `${banner(generator)}
/** Validation rules of the create body (spec: CreateVideoRequest). */
export const createVideoRequestRules = ${json(rules(create))} as const;

/** The model the API uses when a create names none. */
export const defaultModel = ${json(defaultModel)};

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
