// Type-checked against the packed declarations: with node16 (as ESM) and with bundler.
import {
  APIError,
  type JobSnapshot,
  LemonVideo,
  type LemonVideoOptions,
  TaskFailedError,
  type VideoJob,
  type VideoTask,
} from '@lemonvideo/core';
import { downloadToFile, type SavedVideo } from '@lemonvideo/core/node';
import { createProxyHandler, type ProxyHandler, type ProxyOptions } from '@lemonvideo/proxy';
import { createNodeProxyHandler, type NodeProxyHandler } from '@lemonvideo/proxy/node';
import {
  LemonVideoProvider,
  type UseVideoGenerationResult,
  useVideoGeneration,
  useVideoTask,
} from '@lemonvideo/react';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { type ExitCode, exitCodes, type HistoryEntry, type JsonEvent } from 'lemonvideo';

const options: LemonVideoOptions = {
  apiKey: 'sk-test',
  poll: { strategy: 'fixed', interval: 1000 },
};
const client = new LemonVideo(options);
const job: VideoJob = client.videos.job({ model: 'kling-video', prompt: 'A cat' });

/** Exhaustive: it stops compiling if a status is added and not handled. */
function describe(snapshot: JobSnapshot): string {
  switch (snapshot.status) {
    case 'idle':
    case 'submitting':
      return snapshot.status;
    case 'pending':
    case 'processing':
      return snapshot.taskId;
    case 'completed':
      return snapshot.video.url;
    case 'failed':
      return snapshot.error.message;
    case 'cancelled':
      return snapshot.error.task.id;
  }
}

export const text: string = describe(job.getSnapshot());
export const waited: Promise<VideoTask> = client.tasks.wait('video_123', { timeout: 60_000 });
export const saved: Promise<SavedVideo> = downloadToFile(
  client,
  'https://example.com/v.mp4',
  'v.mp4',
);
const proxyOptions: ProxyOptions = { prefix: '/api/lemonvideo', maxBodyBytes: 65_536 };
export const handler: ProxyHandler = createProxyHandler(proxyOptions);
export const nodeHandler: NodeProxyHandler = createNodeProxyHandler();
export const simulator: Promise<Simulator> = startSimulator({ speed: 10 });
export const why = (error: unknown) =>
  error instanceof TaskFailedError ? error.code : error instanceof APIError ? error.status : null;
export const status = (): UseVideoGenerationResult['status'] => useVideoGeneration().status;
export const hooks = [LemonVideoProvider, useVideoTask] as const;

/** What a script reads from one line of `lemonvideo generate --json`. */
export function videoOf(line: string): string | null {
  const event = JSON.parse(line) as JsonEvent;
  return event.type === 'completed' ? event.task.videoUrl : null;
}
export const retryable = (code: ExitCode) => code === exitCodes.network;
export const params = (entry: HistoryEntry) => entry.params?.prompt;

// The declarations are real types, not `any`: a wrong field type must not compile.
// @ts-expect-error fps is a number
export const wrong = client.videos.create({ model: 'kling-video', prompt: 'A cat', fps: 'fast' });
// @ts-expect-error a history entry's progress is not recorded
export const progress = (entry: HistoryEntry) => entry.progress;
