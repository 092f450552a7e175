import { abortWith } from './call-signal';
import { positiveOption } from './check-option';
import type { Clock } from './clock';
import { ConnectionError, DownloadError, LemonVideoError, RequestValidationError } from './errors';
import type { VideoResult, VideoTask } from './task';
import { errorFromResponse } from './to-error';

export interface DownloadProgress {
  /** Bytes received so far. */
  loaded: number;
  /** Bytes in all, or null when the server does not say. */
  total: number | null;
}

export interface DownloadOptions {
  /** Stops the download: it rejects, or its stream errors, with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called as bytes arrive. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
  /**
   * Milliseconds the server may send nothing (no headers yet, or no next byte while the body
   * is being read) before the download counts as stalled: `ConnectionError` with `timeout:
   * true`. `Infinity` waits forever. Default 30 000.
   */
  idleTimeout?: number | undefined;
  /**
   * Milliseconds the whole download may take, from the request to the last byte, then
   * `ConnectionError` with `timeout: true`. Default `Infinity` (no limit).
   */
  timeout?: number | undefined;
  /**
   * The most bytes accepted: a larger video fails with `DownloadError` (code `too_large`), at
   * once when the server declares its size, else as soon as more has arrived. `Infinity` for no
   * limit. Default 2 GiB (2^31 bytes).
   */
  maxBytes?: number | undefined;
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

/**
 * Content types that are clearly not a video: text (HTML, plain), JSON and XML, i.e. an error
 * page or an API answer. Anything else passes: `video/*`, `application/octet-stream`,
 * `binary/octet-stream` (S3's default) and a missing type are what storage sends for videos.
 */
const notVideo = /^\s*(text\/|application\/([\w.-]+\+)?(json|xml)\b)/i;

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
 *
 * Rejects (or the stream errors) with `ConnectionError` when the server cannot be reached, the
 * body breaks off, or it stalls or runs out of time (`timeout: true`); `DownloadError` for a
 * response that is not a video (`not_a_video`) or over `maxBytes` (`too_large`); an `APIError`
 * for an error status; the signal's reason on abort.
 */
export async function downloadVideo(
  { fetch, clock }: { fetch: typeof globalThis.fetch; clock: Clock },
  source: DownloadSource,
  options: DownloadOptions = {},
): Promise<VideoDownload> {
  const url = urlOf(source);
  const idle = positiveOption(options.idleTimeout, 'idleTimeout', 30_000);
  const total = positiveOption(options.timeout, 'timeout', Infinity);
  const maxBytes = positiveOption(options.maxBytes, 'maxBytes', 2 ** 31);
  const deadline = clock.now() + total;
  const controller = new AbortController();
  const { signal } = controller;
  const unlink = abortWith(options.signal, controller);
  let loaded = 0;
  let size: number | null = null;
  /** What ran out, once a wait has: `stalled: ...` or `timed out ...`. */
  let late: string | undefined;
  const about = (what: string) => `The download from ${new URL(url).host} ${what}`;
  const tooLarge = () =>
    new DownloadError('too_large', about(`is over maxBytes (${maxBytes} bytes).`));

  /** Ends the download (the connection too, if still open); returns the error to reject with. */
  const end = (cause?: unknown): unknown => {
    unlink();
    controller.abort(cause);
    if (options.signal?.aborted) return options.signal.reason;
    if (cause instanceof LemonVideoError) return cause;
    return new ConnectionError(
      about(
        `${late ?? (loaded > 0 ? 'broke off' : 'failed')} (${loaded} of ${size ?? '?'} bytes received).`,
      ),
      { timeout: late !== undefined, cause },
    );
  };

  /**
   * `promise`, unless the server sends nothing for `idle` ms or the deadline passes first; then
   * the download aborts (fetch ends its body's reads on abort).
   */
  const next = async <T>(promise: Promise<T>): Promise<T> => {
    const timer = new AbortController();
    const ms = Math.min(idle, deadline - clock.now());
    clock.sleep(ms, timer.signal).then(
      () => {
        late = ms < idle ? `timed out after ${total} ms` : `stalled: no data for ${idle} ms`;
        controller.abort();
      },
      () => undefined,
    );
    try {
      return await promise;
    } finally {
      timer.abort();
    }
  };

  try {
    const response = await next(fetch(url, { signal }));
    if (!response.ok || response.body === null) {
      throw errorFromResponse(response, await next(response.text()).catch(() => ''), clock.now());
    }
    const contentType = response.headers.get('content-type');
    if (notVideo.test(contentType ?? '')) {
      throw new DownloadError(
        'not_a_video',
        about(`sent ${contentType}, not a video (has the link expired?).`),
      );
    }
    const length = Number(response.headers.get('content-length'));
    size = Number.isFinite(length) && length > 0 ? length : null;
    if (size !== null && size > maxBytes) throw tooLarge();
    const reader = response.body.getReader();
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(out) {
          try {
            const chunk = await next(reader.read());
            if (chunk.done) {
              unlink();
              out.close();
              return;
            }
            loaded += chunk.value.byteLength;
            if (loaded > maxBytes) throw tooLarge();
            out.enqueue(chunk.value);
          } catch (error) {
            throw end(error);
          }
          options.onProgress?.({ loaded, total: size });
        },
        cancel: (reason) => {
          end(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return { url, contentType, size, stream };
  } catch (error) {
    throw end(error);
  }
}
