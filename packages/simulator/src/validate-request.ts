import type { components } from '@lemonvideo/shared';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ValidationIssue } from './errors';
import { spec } from './spec';
import { createSpecAjv, fieldOf, type SchemaName, schemaKey } from './spec-ajv';

export type CreateVideoRequest = components['schemas']['CreateVideoRequest'];

export type BodyCheck<T> =
  | { readonly ok: true; readonly body: T }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * Checks request bodies against the spec's schemas, as sent (a default never makes a body
 * valid: `{}` is still too few properties), then fills in their defaults. Extra fields pass
 * where the spec allows them.
 */
export function createBodyValidator(): <T>(schema: SchemaName, body: unknown) => BodyCheck<T> {
  const checker = createSpecAjv({ useDefaults: false });
  const filler = createSpecAjv({ useDefaults: true });
  return <T>(schema: SchemaName, body: unknown): BodyCheck<T> => {
    const validate = checker.getSchema(schemaKey(schema));
    if (!validate) throw new Error(`spec: components.schemas.${schema} is missing`);
    if (!validate(body)) return { ok: false, issues: (validate.errors ?? []).map(issueOf) };
    filler.getSchema(schemaKey(schema))?.(body);
    return { ok: true, body: body as T };
  };
}

function issueOf(error: ErrorObject): ValidationIssue {
  return { field: fieldOf(error), message: error.message ?? 'is invalid', code: error.keyword };
}

type Properties = Record<string, { 'x-alias-of'?: string }>;

/** `duration` → `['seconds']`: the aliases the spec marks with `x-alias-of`. */
const aliases: Readonly<Record<string, readonly string[]>> = (() => {
  const table: Record<string, string[]> = {};
  const properties = spec.components.schemas.CreateVideoRequest.properties as Properties;
  for (const [name, property] of Object.entries(properties)) {
    const field = property['x-alias-of'];
    if (field !== undefined) table[field] = [...(table[field] ?? []), name];
  }
  return table;
})();

/**
 * Aliases that disagree with their field (or with another alias of it): the vendor refuses
 * them before a task exists.
 */
export function aliasConflicts(request: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, names] of Object.entries(aliases)) {
    const [first, ...others] = [field, ...names].filter((name) => request[name] !== undefined);
    for (const name of others) {
      if (request[name] === request[first as string]) continue;
      issues.push({
        field: name,
        message: `must equal ${first} (${JSON.stringify(request[first as string])}) when both are sent`,
        code: 'alias_conflict',
      });
    }
  }
  return issues;
}

/** The request with each alias's value moved to its field, so later rules read one name. */
export function withAliasesResolved(request: CreateVideoRequest): CreateVideoRequest {
  const resolved: Record<string, unknown> = { ...request };
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) resolved[field] ??= resolved[name];
  }
  return resolved as CreateVideoRequest;
}
