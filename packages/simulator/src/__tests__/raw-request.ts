import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawOutcome {
  status?: number;
  headers?: IncomingHttpHeaders;
  received: Buffer;
  /** Set when the connection broke, before or during the answer. */
  error?: string;
}

/** One request over node:http that reports what arrived, even from a connection that broke. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let outcome: Omit<RawOutcome, 'received'> = {};
    const finish = (error?: Error) => {
      resolve({
        ...outcome,
        received: Buffer.concat(chunks),
        ...(error && { error: error.message }),
      });
    };
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers });
    req.on('error', finish);
    req.on('response', (res) => {
      outcome = { status: res.statusCode ?? 0, headers: res.headers };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', finish);
      res.on('end', () => finish());
    });
    req.end(options.body);
  });
}
