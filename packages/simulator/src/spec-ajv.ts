import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { spec } from './spec';

const specId = 'openapi';

export type SchemaName = keyof typeof spec.components.schemas;

/** The Ajv key of a schema of the spec, e.g. `openapi#/components/schemas/Task`. */
export const schemaKey = (name: SchemaName): string => `${specId}#/components/schemas/${name}`;

/**
 * An Ajv holding the whole spec as one schema resource, so that its own
 * `#/components/schemas/...` references resolve. The document's top-level fields (`paths`,
 * `info`, ...) and its `x-` vendor keys are not JSON Schema keywords: declaring them keeps
 * strict mode on for everything else.
 */
export function createSpecAjv(options: { useDefaults: boolean }): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    useDefaults: options.useDefaults,
    // The spec is checked where it is written (`pnpm lint:spec`, Redocly); checking it again
    // against JSON Schema's meta-schema at every start took most of a start (about 180 of 220 ms,
    // the terminal app's first frame waits for it).
    validateSchema: false,
  });
  addFormats(ajv);
  for (const keyword of new Set([...Object.keys(spec), ...vendorKeys(spec)])) {
    ajv.addKeyword(keyword);
  }
  ajv.addSchema(spec, specId);
  return ajv;
}

function vendorKeys(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key.startsWith('x-') ? [key] : []),
    ...vendorKeys(child),
  ]);
}

/** Where an Ajv error points, as a field name: `fps`, `reference_images[0]`, `body`. */
export function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return (
    segments
      .map((segment, i) =>
        /^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
      )
      .join('') || 'body'
  );
}
