import type { paths } from '@lemonvideo/shared';
import type { Client } from 'openapi-fetch';
import type { CallDefaults } from './call-signal';
import type { CreateVideoParams } from './task';
import type { JobClient, JobRuntime } from './video-job';
import type { VideoModel } from './video-model';

/**
 * What the resources share with the client that made them: its call defaults, and what its
 * jobs run on.
 */
export interface ClientContext extends CallDefaults, JobRuntime {
  readonly openapi: Client<paths>;
  /** The client's `fetch`, for downloads (which never carry the API key). */
  readonly fetch: typeof globalThis.fetch;
  /** The client itself: its calls, and the checks of a create against its model's details. */
  readonly client: JobClient & {
    readonly models: { check(params: CreateVideoParams, signal: AbortSignal): Promise<void> };
  };
  /** The client's `checkModels` option. */
  readonly checkModels: boolean;
  /** The client's `onWarning` option, or its default. */
  readonly onWarning: (message: string, model: VideoModel) => void;
}
