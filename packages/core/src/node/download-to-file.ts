import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { LemonVideo } from '../client';
import type { DownloadOptions, DownloadSource } from '../download';

export interface SavedVideo {
  /** Where the video is. */
  path: string;
  /** Bytes written. */
  bytes: number;
}

/**
 * Downloads a result video to `path`. The bytes go to a temporary file beside it that is
 * renamed into place only once complete, so `path` never holds a partial video, even if the
 * process dies mid-download.
 */
export async function downloadToFile(
  client: LemonVideo,
  source: DownloadSource,
  path: string,
  options: DownloadOptions = {},
): Promise<SavedVideo> {
  const download = await client.videos.download(source, options);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${randomBytes(4).toString('hex')}.part`;
  let bytes = 0;
  try {
    const body = Readable.fromWeb(download.stream as NodeReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
    });
    const sink = createWriteStream(partial, { mode: 0o644 });
    await pipeline(body, sink, options.signal ? { signal: options.signal } : {});
    await rename(partial, path);
    return { path, bytes };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
