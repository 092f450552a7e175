import type { paths } from '@lemonvideo/shared';
import type { Client } from 'openapi-fetch';
import type { CallDefaults } from './call-signal';
import type { CreateVideoParams } from './task';
import type { JobRuntime } from './video-job';
import type { VideoModel } from './video-model';

/** What the resources share with the client that made them: its call defaults among them. */
export interface ClientContext extends CallDefaults {
  readonly openapi: Client<paths>;
  /** The client's `fetch`, for downloads (which never carry the API key). */
  readonly fetch: typeof globalThis.fetch;
  /** What the client's jobs run on: its clock, learned durations, poll options and calls. */
  readonly jobs: JobRuntime;
  /** The client's `checkModels` option. */
  readonly checkModels: boolean;
  /** The client's `onWarning` option, or its default. */
  readonly onWarning: (message: string, model: VideoModel) => void;
  /** Checks a create against its model's details before it is sent (`models.check`). */
  checkModel(params: CreateVideoParams, signal: AbortSignal): Promise<void>;
}
