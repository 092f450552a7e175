import type { CreateVideoParams } from '@lemonvideo/core';
import { useVideoGeneration } from '@lemonvideo/react';
import { useEffect } from 'react';
import type { TaskRecorder } from '../../session/task-recorder';
import { JobPanel, type JobPanelProps } from './JobPanel';

export interface NewJobScreenProps extends Omit<JobPanelProps, 'result' | 'since'> {
  params: CreateVideoParams;
  /** Has recorded "create sent"; saves the task the moment the API creates it. */
  recorder: TaskRecorder;
  /** Milliseconds to wait in all. Default: core's. */
  timeoutMs: number | undefined;
}

/** Generates a video from `params`, on mount, and shows it to the end. */
export function NewJobScreen({ params, recorder, timeoutMs, ...panel }: NewJobScreenProps) {
  const generation = useVideoGeneration({
    onCreated: recorder.created,
    onProgress: recorder.observe,
    timeout: timeoutMs,
  });
  const { generate } = generation;
  useEffect(() => {
    generate(params);
  }, [generate, params]);
  return (
    <JobPanel
      {...panel}
      result={generation}
      recorder={recorder}
      since={generation.snapshot.startedAt}
    />
  );
}
