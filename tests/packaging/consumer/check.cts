// Type-checked with node16 as CommonJS: these imports resolve to the `require` declarations.
import { LemonVideo, type VideoTask } from '@lemonvideo/core';
import { downloadToFile } from '@lemonvideo/core/node';
import { createProxyHandler } from '@lemonvideo/proxy';
import { createNodeProxyHandler } from '@lemonvideo/proxy/node';
import { useVideoGeneration } from '@lemonvideo/react';
import { startSimulator } from '@lemonvideo/simulator';
import { exitCodes, type JsonEvent } from 'lemonvideo';

const client = new LemonVideo({ baseURL: '/api/lemonvideo' });
export const task: Promise<VideoTask> = client.videos.generate({ prompt: 'A cat' });
export const exported = [
  downloadToFile,
  createProxyHandler,
  createNodeProxyHandler,
  useVideoGeneration,
  startSimulator,
];
export const usage: 2 = exitCodes.usage;
export const isError = (event: JsonEvent) => event.type === 'error' && event.exitCode;
