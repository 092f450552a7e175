import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { DownloadError, type LemonVideo, type VideoResult } from '@lemonvideo/core';
import { downloadToStream } from '@lemonvideo/core/node';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BatchKeys } from './batch-keys';
import { recordPhase } from './batch-phases';
import type { DownloadJobData, DownloadResult } from './job-data';
import { outputPath } from './output-path';
import { saveVideoFile } from './save-video-file';

/** What a download sink is told of the video it receives. */
export interface DownloadInfo {
  /** The batch of the task. */
  batchId: string;
  /** The task's key in its batch. */
  key: string;
  /** The file name the batch asked for (`out`), or null. */
  out: string | null;
  /** The completed task's video: its URL (expires, about 48 h) and what the API says of it. */
  video: VideoResult;
  /** The server's content type, e.g. `video/mp4`. */
  contentType: string | null;
  /** Bytes in all, or null when the server does not say. */
  size: number | null;
}

/**
 * Receives a completed task's video, e.g. to upload it to S3-compatible storage; resolves once it
 * is stored, optionally with where (a string, reported as the task's `file`). It may be called again for
 * the same task (after a failed attempt, or a worker that died), so store it idempotently, e.g.
 * under a name made from `taskId` or `info.key`. A rejection is retried with backoff.
 */
export type DownloadSink = (
  taskId: string,
  stream: Readable,
  info: DownloadInfo,
) => Promise<unknown>;

/**
 * Where completed tasks' videos go: a directory (`out`, or `<task id>.mp4`, inside it; a file
 * already there is never replaced) or your sink.
 */
export type DownloadsOption = { dir: string } | { sink: DownloadSink };

export interface DownloadJobContext {
  client: LemonVideo;
  redis: Redis;
  downloads: DownloadsOption;
  keysOf: (batchId: string) => BatchKeys;
}

/** Failures another attempt cannot fix: a file in the way, a video over the size limit. */
const isPermanent = (error: unknown) =>
  error instanceof RangeError || (error instanceof DownloadError && error.code !== 'not_a_video');

async function toSink(
  job: Job<DownloadJobData>,
  client: LemonVideo,
  sink: DownloadSink,
): Promise<DownloadResult> {
  const { batchId, key, out, taskId, video } = job.data;
  let bytes = 0;
  const download = await client.videos.download(video, {
    onProgress: (progress) => {
      bytes = progress.loaded;
    },
  });
  const stream = Readable.fromWeb(download.stream as NodeReadableStream<Uint8Array>);
  try {
    const info = {
      batchId,
      key,
      out,
      video,
      contentType: download.contentType,
      size: download.size,
    };
    const location = await sink(taskId, stream, info);
    return { file: typeof location === 'string' ? location : null, bytes };
  } finally {
    stream.destroy();
  }
}

/**
 * Runs one attempt of a download's job: saves the video into the download directory (see
 * `saveVideoFile`) or hands it to the sink, and records the task as `downloaded`. A failure is
 * retried with backoff by BullMQ (the job's `attempts`); the last one, or one another attempt
 * cannot fix, records `downloadFailed`. A download never sends an API request: the video's URL
 * is the provider's storage.
 */
export async function downloadVideoJob(
  job: Job<DownloadJobData>,
  context: DownloadJobContext,
): Promise<DownloadResult> {
  const { client, redis, downloads } = context;
  const { batchId, key, out, taskId, video } = job.data;
  const keys = context.keysOf(batchId);
  try {
    let result: DownloadResult;
    if ('sink' in downloads) {
      result = await toSink(job, client, downloads.sink);
    } else {
      const path = outputPath(downloads.dir, out ?? `${taskId}.mp4`);
      const tag = createHash('sha256').update(String(job.id)).digest('hex').slice(0, 12);
      const write = async (destination: NodeJS.WritableStream) =>
        (await downloadToStream(client, video, destination)).bytes;
      const saved = await saveVideoFile(path, tag, write, {
        recorded: job.data.saved,
        record: (record) => job.updateData({ ...job.data, saved: record }),
      });
      result = { file: saved.path, bytes: saved.bytes };
    }
    await recordPhase(redis, keys, key, 'downloaded');
    return result;
  } catch (error) {
    const permanent = isPermanent(error);
    if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await recordPhase(redis, keys, key, 'downloadFailed');
    }
    if (permanent) throw new UnrecoverableError((error as Error).message);
    throw error;
  }
}
