import type { Clock } from './clock';
import { ConnectionError, RequestValidationError } from './errors';
import type { VideoResult, VideoTask } from './task';
import { errorFromResponse } from './to-error';

export interface DownloadProgress {
  /** Bytes received so far. */
  loaded: number;
  /** Bytes in all, or null when the server does not say. */
  total: number | null;
}

export interface DownloadOptions {
  /** Stops the download; the stream errors with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called as bytes arrive. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
}

export interface VideoDownload {
  url: string;
  /** The server's content type, e.g. `video/mp4`. */
  contentType: string | null;
  /** Bytes in all, or null when the server does not say. */
  size: number | null;
  /** The video's bytes; read it once (pipe it to a file, or `new Response(stream).blob()`). */
  stream: ReadableStream<Uint8Array>;
}

/** A video, a completed task, or a URL: where its video is. */
export type DownloadSource = VideoTask | VideoResult | string;

function urlOf(source: DownloadSource): string {
  if (typeof source === 'string') return source;
  if (!('status' in source)) return source.url;
  if (source.video === null) {
    throw new RequestValidationError([
      { field: 'task', message: `has no video to download (status "${source.status}")` },
    ]);
  }
  return source.video.url;
}

/**
 * Fetches a result video. The API key is never sent: video URLs are public links on the
 * provider's storage, often on another host. Results expire, so download promptly.
 */
export async function downloadVideo(
  { fetch, clock }: { fetch: typeof globalThis.fetch; clock: Clock },
  source: DownloadSource,
  options: DownloadOptions = {},
): Promise<VideoDownload> {
  const url = urlOf(source);
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal ?? null });
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new ConnectionError(`Could not download the video from ${new URL(url).host}.`, {
      timeout: false,
      mayHaveCreatedTask: false,
      cause,
    });
  }
  if (!response.ok || response.body === null) {
    throw errorFromResponse(response, await response.text().catch(() => ''), clock.now());
  }
  const length = Number(response.headers.get('content-length'));
  const size = Number.isFinite(length) && length > 0 ? length : null;
  let loaded = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        controller.enqueue(chunk);
        options.onProgress?.({ loaded, total: size });
      },
    }),
  );
  return { url, contentType: response.headers.get('content-type'), size, stream: counted };
}
