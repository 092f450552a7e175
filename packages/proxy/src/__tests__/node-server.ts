import { type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on 127.0.0.1 and a free port; resolves with its origin. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends `path` exactly as written (fetch would resolve `..` and `\` first). `body` as an array
 * is sent chunked (even with DELETE, which node:http would not chunk), one write per element.
 */
export function rawRequest(
  origin: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | string[] } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...(Array.isArray(options.body) && { 'transfer-encoding': 'chunked' }),
      ...options.headers,
    };
    const req = request(`${origin}/`, { method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    const chunks = options.body === undefined ? [] : [options.body].flat();
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
