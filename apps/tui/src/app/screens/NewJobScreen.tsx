import type { VideoJob } from '@lemonvideo/core';
import { jobResult, useJobSnapshot } from '@lemonvideo/react';
import type { TaskRecorder } from '../../session/task-recorder';
import { JobPanel, type JobPanelProps } from './JobPanel';

export interface NewJobScreenProps extends Omit<JobPanelProps, 'result' | 'since'> {
  /**
   * The generation, created and started by the form's submit (once per Enter): mounting,
   * remounting or rendering this screen never creates a task. Its owner detaches it.
   */
  job: VideoJob;
  /** Has recorded "create sent"; saves the task the moment the API creates it. */
  recorder: TaskRecorder;
}

/** Shows a new generation to its end. */
export function NewJobScreen({ job, recorder, ...panel }: NewJobScreenProps) {
  const snapshot = useJobSnapshot(job);
  const result = { ...jobResult(job, snapshot), cancel: () => job.cancel() };
  return <JobPanel {...panel} result={result} recorder={recorder} since={snapshot.startedAt} />;
}
