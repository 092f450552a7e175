import { useVideoTask } from '@lemonvideo/react';
import type { TaskRecorder } from '../../session/task-recorder';
import { JobPanel, type JobPanelProps } from './JobPanel';

export interface ResumedJobScreenProps extends Omit<JobPanelProps, 'result' | 'since'> {
  /** Keeps the task's history entry in step. */
  recorder: TaskRecorder;
  timeoutMs: number | undefined;
}

/** Follows a task from the history to its end, and saves its video if not saved yet. */
export function ResumedJobScreen({ recorder, timeoutMs, ...panel }: ResumedJobScreenProps) {
  const task = useVideoTask(recorder.entry.id, {
    onProgress: recorder.observe,
    timeout: timeoutMs,
  });
  return (
    <JobPanel
      {...panel}
      result={task}
      recorder={recorder}
      since={Date.parse(recorder.entry.createdAt)}
    />
  );
}
