import { fileURLToPath } from 'node:url';
import { banner, readSpec, runGenerator, type Spec } from '../../../scripts/codegen.ts';

const generator = 'packages/proxy/scripts/generate.ts';
const out = fileURLToPath(new URL('../src/generated/routes.ts', import.meta.url));

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Parameter {
  name: string;
  in: string;
  'x-proxy-forward'?: unknown;
}

/** Whether the spec marks an operation or parameter for the proxy (`x-proxy-forward: true`). */
function forwarded(where: string, owner: { 'x-proxy-forward'?: unknown }): boolean {
  const mark = owner['x-proxy-forward'];
  if (mark !== undefined && mark !== true) {
    throw new Error(`spec: ${where}: x-proxy-forward must be true or absent`);
  }
  return mark === true;
}

/** Follows a local `$ref` such as `#/components/parameters/TaskId`. */
function resolve(spec: Spec, value: unknown): Parameter {
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string') return value as Parameter;
  if (!ref.startsWith('#/')) throw new Error(`spec: only local $refs are supported (${ref})`);
  let target: unknown = spec;
  for (const key of ref.slice(2).split('/')) target = (target as Record<string, unknown>)?.[key];
  if (target === undefined) throw new Error(`spec: ${ref} does not exist`);
  return resolve(spec, target);
}

function parameters(spec: Spec, owner: Record<string, unknown>): Parameter[] {
  const list = owner.parameters;
  return Array.isArray(list) ? list.map((parameter) => resolve(spec, parameter)) : [];
}

/**
 * The operations of the spec marked `x-proxy-forward: true`, with their query parameters that
 * are marked too; their path parameters are checked. Deny by default: an operation the spec
 * does not mark (e.g. the material asset routes, which change what the organisation owns) is
 * never forwarded with the server's key, nor is an unmarked query parameter.
 */
export async function allowedRoutes(): Promise<{ operationId: string; route: unknown }[]> {
  const spec = await readSpec();
  const paths = spec.paths as Record<string, Record<string, unknown>>;
  const routes: { operationId: string; route: unknown }[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const shared = parameters(spec, item);
    for (const method of methods) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!forwarded(where, operation)) continue;
      // An operation's parameter overrides the path item's one of the same name and place.
      const byKey = new Map<string, Parameter>();
      for (const parameter of [...shared, ...parameters(spec, operation)]) {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const all = [...byKey.values()];
      const named = (place: string) => all.filter((p) => p.in === place).map((p) => p.name);
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      if ([...params].sort().join() !== named('path').sort().join()) {
        throw new Error(
          `spec: ${method.toUpperCase()} ${path} must declare exactly its path parameters`,
        );
      }
      const query = all
        .filter((p) => p.in === 'query' && forwarded(`${where} ?${p.name}`, p))
        .map((p) => p.name);
      const route = { method: method.toUpperCase(), path, query };
      routes.push({ operationId: String(operation.operationId), route });
    }
  }
  return routes;
}

export async function build(): Promise<Record<string, string>> {
  const spec = await readSpec();
  const headers = Object.keys(
    (spec.components as { headers?: Record<string, unknown> }).headers ?? {},
  ).map((name) => name.toLowerCase());
  const entries = (await allowedRoutes()).map(
    ({ operationId, route }) => `  // ${operationId}\n  ${JSON.stringify(route)},\n`,
  );
  return {
    [out]: `${banner(generator)}
/** One operation of the API: a request the proxy may forward. */
export interface AllowedRoute {
  readonly method: string;
  /** The path template, e.g. \`/v1/tasks/{id}\`. */
  readonly path: string;
  /** The only query parameters forwarded; any other is dropped. */
  readonly query: readonly string[];
}

/** The response headers the API documents (spec: components.headers), lower-cased. */
export const apiResponseHeaders: readonly string[] = ${JSON.stringify(headers)};

/** The operations (and query parameters) spec/openapi.yaml marks \`x-proxy-forward\`; nothing else passes. */
export const allowedRoutes: readonly AllowedRoute[] = [
${entries.join('')}];
`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
