/**
 * The test side of the contract: every API answer a test receives goes through `call`, which
 * checks its status, headers and body against the operation's responses in the generated spec.
 */
import { expect } from 'vitest';
import { spec } from '../spec';
import { createSpecAjv } from '../spec-ajv';

const ajv = createSpecAjv({ useDefaults: false });

type Json = Record<string, unknown>;
type ResponseObject = {
  headers?: Record<string, Json>;
  content?: Record<string, { schema: Json }>;
};

export const testKey = 'sk-test-key';

export interface CallOptions {
  /** Bearer key; `null` sends no Authorization header. Default `testKey`. */
  key?: string | null;
  /** A JSON value to send, or a string sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The media type the answer is expected to have when it deliberately is not the documented
   * one (a fault's HTML page, a truncated body): its status is still checked against the spec.
   */
  offSpecBody?: 'text/html' | 'truncated-json';
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers whose shape the spec check just verified
  body: any;
  text: string;
}

/** Sends one API request and checks the answer against the spec before returning it. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const response = await send(baseUrl, method, path, options);
  const text = await response.text();
  return checkAgainstSpec(method, path, response.status, response.headers, text, options);
}

/** Sends one API request without reading the answer, for faults that break the body. */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const { key = testKey, body, headers = {} } = options;
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(key !== null && { authorization: `Bearer ${key}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/**
 * The spec's operation for a request, found by matching its path templates; where several
 * match (`/v1/videos/assets/groups` and `/v1/videos/assets/{assetId}`), the most literal one.
 */
function operationOf(method: string, path: string): { id: string; responses: Json } {
  const pathname = new URL(path, 'http://x').pathname;
  const literal = (template: string) => template.replace(/\{[^}]+\}/g, '').length;
  const templates = Object.keys(spec.paths).sort((a, b) => literal(b) - literal(a));
  for (const template of templates) {
    const pattern = template.replace(/\{model\}/, '.+').replace(/\{[^}]+\}/g, '[^/]+');
    if (!new RegExp(`^${pattern}$`).test(pathname)) continue;
    const item = (spec.paths as Record<string, unknown>)[template];
    const operation = (item as Record<string, { operationId: string; responses: Json }>)[
      method.toLowerCase()
    ];
    if (operation) return { id: operation.operationId, responses: operation.responses };
  }
  throw new Error(`the spec has no operation ${method} ${pathname}`);
}

/** Follows a local `$ref` of the spec (`#/components/...`). */
function resolve<T>(value: unknown): T {
  const ref = (value as { $ref?: string }).$ref;
  if (ref === undefined) return value as T;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)[key], spec) as T;
}

/** An inline schema of the spec whose `$ref`s point into the spec Ajv holds. */
const anchored = (schema: Json): Json =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/** Ajv's complaint about `value` under a schema of the spec (a `$ref` or an inline schema). */
function schemaErrors(schema: Json, value: unknown): string | undefined {
  const key = JSON.stringify(schema);
  const validate =
    typeof schema.$ref === 'string'
      ? ajv.getSchema(`openapi${schema.$ref}`)
      : (compiled.get(key) ?? compiled.set(key, ajv.compile(anchored(schema))).get(key));
  if (!validate) throw new Error(`the spec has no schema ${String(schema.$ref)}`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'body' });
}

export function checkAgainstSpec(
  method: string,
  path: string,
  status: number,
  headers: Headers,
  text: string,
  options: Pick<CallOptions, 'offSpecBody'> = {},
): ApiResponse {
  const operation = operationOf(method, path);
  const where = `${operation.id} ${status}`;
  const documented = operation.responses[String(status)];
  expect(documented, `${where}: status not documented in the spec`).toBeDefined();
  const response = resolve<ResponseObject>(documented);

  expect(headers.get('x-lemonvideo-simulator'), `${where}: simulator header`).toBe('1');
  expect(headers.get('x-request-id'), `${where}: X-Request-Id`).toMatch(/^req_sim_/);
  // The spec lists rate-limit headers on some answers only; wherever one appears, it must fit.
  const knownHeaders = { ...spec.components.headers, ...response.headers };
  for (const [name, header] of Object.entries(knownHeaders)) {
    const value = headers.get(name);
    if (value === null) continue;
    const schema = resolve<{ schema: Json }>(header).schema;
    const parsed = schema.type === 'integer' ? Number(value) : value;
    expect(schemaErrors(schema, parsed), `${where}: header ${name}=${value}`).toBeUndefined();
  }
  if (status === 429) expect(headers.get('retry-after'), `${where}: Retry-After`).not.toBeNull();

  const contentType = headers.get('content-type') ?? '';
  if (options.offSpecBody === 'text/html') {
    expect(contentType).toMatch(/^text\/html/);
    return { status, headers, body: undefined, text };
  }
  expect(contentType, `${where}: content type`).toMatch(/^application\/json/);
  if (options.offSpecBody === 'truncated-json') {
    expect(() => JSON.parse(text), `${where}: body should be cut`).toThrow();
    return { status, headers, body: undefined, text };
  }
  const media = response.content?.['application/json'];
  expect(media, `${where}: no JSON body documented`).toBeDefined();
  const body: unknown = JSON.parse(text);
  expect(schemaErrors(media?.schema ?? {}, body), `${where}: body ${text}`).toBeUndefined();
  return { status, headers, body, text };
}
