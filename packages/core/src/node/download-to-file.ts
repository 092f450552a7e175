import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { LemonVideo } from '../client';
import type { DownloadOptions, DownloadSource } from '../download';
import { DownloadError } from '../errors';

export interface SavedVideo {
  /** Where the video is. */
  path: string;
  /** Bytes written. */
  bytes: number;
}

export interface SaveOptions extends DownloadOptions {
  /**
   * Replace a regular file already at `path`, keeping its mode. Default false: a file there
   * fails with `DownloadError` (code `file_exists`) before anything is downloaded. Anything
   * that is not a regular file (a directory, a device such as `/dev/null`, a link) is never
   * replaced: `DownloadError` (code `not_a_file`).
   */
  overwrite?: boolean | undefined;
}

export interface StreamOptions extends DownloadOptions {
  /** End `destination` when the video is written, as `pipeline` does. Default true. */
  end?: boolean | undefined;
}

/** Downloads `source` into the stream `open` returns, called once the video is on its way. */
async function save(
  client: LemonVideo,
  source: DownloadSource,
  open: () => NodeJS.WritableStream,
  options: StreamOptions,
): Promise<number> {
  let bytes = 0;
  const download = await client.videos.download(source, {
    ...options,
    onProgress: (progress) => {
      bytes = progress.loaded;
      options.onProgress?.(progress);
    },
  });
  const { signal } = options;
  try {
    await pipeline(Readable.fromWeb(download.stream as NodeReadableStream<Uint8Array>), open(), {
      signal,
      end: options.end ?? true,
    });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
  return bytes;
}

/**
 * Streams a result video into `destination` (e.g. `process.stdout`, with `end: false`) and
 * resolves with the bytes written. Rejects as `videos.download` does (`ConnectionError`,
 * `DownloadError`, an `APIError`, the signal's reason on abort), or with the destination's
 * own error (e.g. `EPIPE`).
 */
export async function downloadToStream(
  client: LemonVideo,
  source: DownloadSource,
  destination: NodeJS.WritableStream,
  options: StreamOptions = {},
): Promise<{ bytes: number }> {
  return { bytes: await save(client, source, () => destination, options) };
}

/**
 * The mode of the regular file at `path` that may be replaced, or undefined when there is none.
 * Throws `DownloadError` when something else is there, or a file and `overwrite` is not set.
 */
async function replaceableMode(path: string, overwrite: boolean): Promise<number | undefined> {
  const found = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (found === undefined) return undefined;
  if (!found.isFile()) {
    throw new DownloadError(
      'not_a_file',
      `${path} is not a regular file (a directory, device or link); a download never replaces it.`,
      path,
    );
  }
  if (!overwrite) {
    throw new DownloadError(
      'file_exists',
      `${path} already exists; pass overwrite: true to replace it.`,
      path,
    );
  }
  return found.mode & 0o7777;
}

/**
 * Downloads a result video to `path`. The bytes go to a temporary `.part` file beside it that
 * is renamed into place only once complete, so `path` never holds a partial video, even if the
 * process dies mid-download; on an error or abort the `.part` file is removed. `path` is
 * checked before the download and again before the rename: see `overwrite`.
 */
export async function downloadToFile(
  client: LemonVideo,
  source: DownloadSource,
  path: string,
  options: SaveOptions = {},
): Promise<SavedVideo> {
  const overwrite = options.overwrite ?? false;
  await replaceableMode(path, overwrite);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${randomBytes(4).toString('hex')}.part`;
  try {
    const bytes = await save(client, source, () => createWriteStream(partial, { mode: 0o644 }), {
      ...options,
      end: true,
    });
    const mode = await replaceableMode(path, overwrite);
    if (mode !== undefined) await chmod(partial, mode);
    await rename(partial, path);
    return { path, bytes };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
