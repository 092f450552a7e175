import type { TaskState, VideoResult } from '@lemonvideo/core';

/**
 * The data of a task's BullMQ job: plain JSON, saved after every step, so any worker can take the
 * task up where the last one left it.
 */
export interface TaskJobData {
  /** The batch it belongs to (`enqueueBatch`'s id). */
  batchId: string;
  /** Its place in the batch, from 0 (a file's first line is 0). */
  index: number;
  /**
   * The file its video is saved as, relative to the download directory of the worker that
   * downloads it; null for `<task id>.mp4`.
   */
  out: string | null;
  /** The task, as `@lemonvideo/core`'s step machine left it. */
  state: TaskState;
}

/** Where a download got to, so that an attempt after a crash knows its own file. */
export interface SavedFileRecord {
  /** Where the video is linked into place. */
  path: string;
  /** The file's device number (a decimal string): with `ino`, its identity. */
  dev: string;
  /** The file's inode number (a decimal string). */
  ino: string;
}

/** The data of a download's BullMQ job (in the queue `<queueName>-downloads`). */
export interface DownloadJobData {
  /** The batch of the task. */
  batchId: string;
  /** The task's key in its batch. */
  key: string;
  /** The vendor's task id. */
  taskId: string;
  /** The completed task's video (its URL expires, about 48 h). */
  video: VideoResult;
  /** The file name the batch asked for, relative to the download directory; null for `<task id>.mp4`. */
  out: string | null;
  /** Set just before the file is linked into place (see `saveVideoFile`). */
  saved?: SavedFileRecord | undefined;
}

/** What a download job ends with: where the video went, and its size. */
export interface DownloadResult {
  /** The path in the download directory, or what your sink returned (e.g. an object's URL). */
  file: string | null;
  /** Bytes written. */
  bytes: number;
}
