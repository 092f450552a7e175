export { LemonVideoProvider, type LemonVideoProviderProps, useLemonVideo } from './context';
export { type JobResult, jobResult } from './job-result';
export { useJobSnapshot } from './use-job-snapshot';
export { type UseNowOptions, useNow } from './use-now';
export {
  type UseVideoGenerationOptions,
  type UseVideoGenerationResult,
  useVideoGeneration,
} from './use-video-generation';
export { type UseVideoModelResult, useVideoModel } from './use-video-model';
export { type UseVideoModelsResult, useVideoModels } from './use-video-models';
export { type UseVideoTaskOptions, type UseVideoTaskResult, useVideoTask } from './use-video-task';
