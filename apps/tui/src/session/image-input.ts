import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { simulatorMaxBodyBytes } from '@lemonvideo/shared/body-limit';
import { formatBytes } from '../text/format-bytes';
import { UsageError } from './errors';

/**
 * The largest local image sent inline: 30 MiB, the vendor's published limit for an image
 * (its material library's; it documents none for a create's body, only the 413 it answers).
 */
const maxImageBytes = 30 * 1024 * 1024;

/** Image types by their first bytes: what a data URL of a local file may say it is. */
const imageTypes: readonly (readonly [string, (head: Buffer) => boolean])[] = [
  ['image/png', (head) => head.toString('latin1', 0, 8) === '\x89PNG\r\n\x1a\n'],
  ['image/jpeg', (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff],
  ['image/gif', (head) => /^GIF8[79]a/.test(head.toString('latin1', 0, 6))],
  [
    'image/webp',
    (head) => head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP',
  ],
  ['image/bmp', (head) => head.toString('latin1', 0, 2) === 'BM'],
];

/** Text with a scheme (`https:`, `data:`, `asset:`) is a URL; anything else a file path. */
const urlText = /^[a-z][a-z\d+.-]+:/i;

/** An image as a person gives it: a URL (or data URL) as typed, or a local file read inline. */
export type ImageInput = { kind: 'url'; value: string } | { kind: 'file'; value: string };

/**
 * `text` as an image: a URL stays as it is (the spec's rules judge it); a path is read, checked
 * to be an image (PNG, JPEG, GIF, WebP or BMP) of at most 30 MiB, and made a base64 data URL.
 * Throws a `UsageError` naming `name` (a flag, or a form's label) when the file does not
 * exist, is not a file, is too large or is not an image.
 */
export function readImageInput(text: string, name: string, cwd: string): ImageInput {
  const trimmed = text.trim();
  if (urlText.test(trimmed)) return { kind: 'url', value: trimmed };
  const path = resolve(cwd, trimmed);
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`${name}: ${trimmed} is not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${name}: there is no file ${trimmed} (give a URL or an image file)`);
  }
  if (size > maxImageBytes) {
    throw new UsageError(
      `${name}: ${trimmed} is ${formatBytes(size)}, over the ${formatBytes(maxImageBytes)} an image may be; give its URL instead`,
    );
  }
  const bytes = readFileSync(path);
  const type = imageTypes.find(([, is]) => is(bytes))?.[0];
  if (type === undefined) {
    throw new UsageError(`${name}: ${trimmed} is not an image (PNG, JPEG, GIF, WebP or BMP)`);
  }
  return { kind: 'file', value: `data:${type};base64,${bytes.toString('base64')}` };
}

/**
 * The create fields of an image given as text (`--image`, the form's image): a URL is
 * `image_url`, a data URL or a local file (read inline) is `image`. Throws as `readImageInput`.
 */
export function imageFields(text: string, name: string, cwd: string): Record<string, string> {
  const { value } = readImageInput(text, name, cwd);
  return { [imageFieldOf(value)]: value };
}

/** Where a first frame goes: a data URL in `image`, any other URL in `image_url`. */
export const imageFieldOf = (value: string): 'image' | 'image_url' =>
  value.startsWith('data:') ? 'image' : 'image_url';

/**
 * Throws a `UsageError` when a create body holding inline images is larger than the simulator
 * reads (it would answer 413): checked before anything is sent.
 */
export function assertBodyFits(body: unknown, simulator: boolean, names: readonly string[]): void {
  const size = Buffer.byteLength(JSON.stringify(body));
  if (!simulator || size <= simulatorMaxBodyBytes || names.length === 0) return;
  throw new UsageError(
    `${names.join(', ')}: with the image inline the request is ${formatBytes(size)}, over the ${formatBytes(simulatorMaxBodyBytes)} the simulator accepts; use a smaller file or a URL`,
  );
}
