import { createHash, timingSafeEqual } from 'node:crypto';

/** The bearer token of an `Authorization` header, if it has the `Bearer <token>` shape. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([^\s]+)$/.exec(header ?? '')?.[1];
}

/**
 * Whether `token` may call the API: any `sk-` key, or only `apiKey` when one is set. Compared
 * through hashes in constant time, so the answer's timing says nothing about the key.
 */
export function isAcceptedKey(token: string | undefined, apiKey: string | undefined): boolean {
  if (token === undefined) return false;
  if (apiKey !== undefined) return timingSafeEqual(digest(token), digest(apiKey));
  return token.startsWith('sk-') && token.length > 3;
}

/** A stand-in for a key wherever it must be remembered (rate-limit buckets): never the key. */
export function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Who owns what a key creates (tasks, material assets): the key's digest, never the key. */
export function ownerOf(token: string): string {
  return digest(token).toString('hex');
}
