import type { ServerResponse } from 'node:http';

/** An answer not yet written: handlers return one, faults may bend how it is delivered. */
export interface Reply {
  /** The HTTP status. */
  readonly status: number;
  /** Headers beside `Content-Type` and `Content-Length`, which are set from the body. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless `contentType` says otherwise. */
  readonly body: unknown;
  /** Default `application/json; charset=utf-8`; any other sends `body` as text. */
  readonly contentType?: string;
}

/** The bytes and headers of `reply`, ready to write. */
export function encodeReply(reply: Reply): { headers: Record<string, string>; bytes: Buffer } {
  const contentType = reply.contentType ?? 'application/json; charset=utf-8';
  const bytes = Buffer.from(
    reply.contentType === undefined ? JSON.stringify(reply.body) : String(reply.body),
  );
  return {
    headers: {
      ...reply.headers,
      'Content-Type': contentType,
      'Content-Length': String(bytes.length),
    },
    bytes,
  };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const { headers, bytes } = encodeReply(reply);
  res.writeHead(reply.status, headers);
  res.end(bytes);
}
