import type { paths } from '@lemonvideo/shared';
import type { Client } from 'openapi-fetch';
import type { JobRuntime } from './video-job';

/** What the resources share with the client that made them. */
export interface ClientContext {
  readonly openapi: Client<paths>;
  /** Default milliseconds a call may take. */
  readonly timeout: number;
  /** The client's `fetch`, for downloads (which never carry the API key). */
  readonly fetch: typeof globalThis.fetch;
  /** What the client's jobs run on: its clock, learned durations, poll options and calls. */
  readonly jobs: JobRuntime;
}
