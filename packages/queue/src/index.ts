export { defaultPrefix, defaultQueueName, downloadQueueName } from './batch-keys';
export { type BatchPhase, isFinalPhase } from './batch-phases';
export {
  type BatchStatus,
  type BatchStatusOptions,
  type BatchTaskResult,
  batchStatus,
  type WatchBatchOptions,
  watchBatch,
} from './batch-status';
export {
  createVideoWorker,
  type VideoWorker,
  type VideoWorkerOptions,
} from './create-video-worker';
export type { DownloadInfo, DownloadSink, DownloadsOption } from './download-video-job';
export { type BatchTask, type EnqueueBatchOptions, enqueueBatch } from './enqueue-batch';
export type {
  DownloadJobData,
  DownloadResult,
  SavedFileRecord,
  TaskJobData,
} from './job-data';
export type { QueueConnectionOptions, RedisConnection } from './redis-connection';
export { limiterFor } from './request-spacing';
export { JobLockLostError } from './step-task-job';
