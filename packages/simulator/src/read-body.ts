import type { IncomingMessage } from 'node:http';
import { simulatorMaxBodyBytes } from '@lemonvideo/shared/body-limit';

/** The simulator's limit for a request body (1 MiB); the spec documents the 413, not a size. */
export const maxBodyBytes = simulatorMaxBodyBytes;

/**
 * The request body as text, or `undefined` when it is over `maxBodyBytes`. An oversized body is
 * still read to its end (and dropped), so the client can receive the 413 instead of a reset.
 */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8');
}
