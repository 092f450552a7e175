import type { ValidationIssue } from './errors';
import type { Operation } from './match-route';
import { spec } from './spec';
import { createSpecAjv } from './spec-ajv';

type Json = Record<string, unknown>;
type Parameter = { name: string; in: string; schema?: Json };

export type QueryCheck =
  | { readonly ok: true; readonly values: Readonly<Record<string, string | number>> }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/** A JSON pointer segment, escaped. */
const segment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Each query parameter of each operation, with the Ajv key of its schema inside the spec. */
function queryParameters(): Map<string, { name: string; pointer: string; schema: Json }[]> {
  const byOperation = new Map<string, { name: string; pointer: string; schema: Json }[]>();
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const list = (operation.parameters ?? []) as ({ $ref?: string } & Partial<Parameter>)[];
      const query = list.flatMap((entry, index) => {
        const pointer = entry.$ref
          ? `openapi${entry.$ref}`
          : `openapi#/paths/${segment(path)}/${method}/parameters/${index}`;
        const parameter = (
          entry.$ref
            ? (spec.components.parameters as Record<string, Parameter>)[
                entry.$ref.split('/').pop() as string
              ]
            : entry
        ) as Parameter;
        return parameter.in === 'query'
          ? [{ name: parameter.name, pointer: `${pointer}/schema`, schema: parameter.schema ?? {} }]
          : [];
      });
      byOperation.set(String(operation.operationId), query);
    }
  }
  return byOperation;
}

/**
 * Reads an operation's query as the spec declares it: each declared parameter checked
 * against its schema (integers parsed), with its default when absent. Parameters the spec
 * does not declare are ignored, as the API ignores them.
 */
export function createQueryReader(): (operation: Operation, query: URLSearchParams) => QueryCheck {
  const ajv = createSpecAjv({ useDefaults: false });
  const parameters = queryParameters();
  return (operation, query) => {
    const values: Record<string, string | number> = {};
    const issues: ValidationIssue[] = [];
    for (const { name, pointer, schema } of parameters.get(operation) ?? []) {
      const raw = query.get(name);
      if (raw === null) {
        const fallback = schema.default;
        if (typeof fallback === 'string' || typeof fallback === 'number') values[name] = fallback;
        continue;
      }
      const value = schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      const validate = ajv.getSchema(pointer);
      if (!validate) throw new Error(`spec: no schema at ${pointer}`);
      if (validate(value)) {
        values[name] = value;
      } else {
        const [error] = validate.errors ?? [];
        issues.push({
          field: name,
          message: error?.message ?? 'is invalid',
          code: error?.keyword ?? 'invalid',
        });
      }
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
  };
}
