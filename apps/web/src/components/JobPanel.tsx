import { remainingMs } from '@lemonvideo/core';
import { type JobResult, useNow } from '@lemonvideo/react';
import { useState } from 'react';
import { describeError } from '../describe-error';
import { formatDuration } from '../format-duration';
import { ProgressBar } from './ProgressBar';

interface JobPanelProps {
  job: JobResult & { cancel(): Promise<void> };
  onStartOver(): void;
}

const statusText: Record<JobResult['status'], string> = {
  idle: 'Idle',
  submitting: 'Sending…',
  pending: 'Queued',
  processing: 'Generating',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function JobPanel({ job, onStartOver }: JobPanelProps) {
  const [cancelError, setCancelError] = useState<string | null>(null);
  // The estimate counts down between polls.
  const now = useNow({ active: job.isRunning });
  const left = remainingMs(job.snapshot, now);
  const cancel = () => {
    setCancelError(null);
    job.cancel().catch((error: unknown) => setCancelError(describeError(error)));
  };

  return (
    <section aria-label="Video task" data-status={job.status}>
      <p>
        <strong className="status">{statusText[job.status]}</strong>
        {job.progress !== null && <span> · {Math.round(job.progress)}%</span>}
        {job.isRunning && left !== null && <span> · about {formatDuration(left)} left</span>}
      </p>
      {job.taskId && (
        <p className="task-id">
          Task <code>{job.taskId}</code>
        </p>
      )}
      {job.isRunning && <ProgressBar value={job.progress} />}
      {job.video && <video src={job.video.url} controls autoPlay muted loop playsInline />}
      {job.error && <p className="error">{describeError(job.error)}</p>}
      {cancelError && <p className="error">{cancelError}</p>}
      <div className="row">
        {job.isRunning && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
        {!job.isRunning && (
          <button type="button" onClick={onStartOver}>
            New video
          </button>
        )}
      </div>
    </section>
  );
}
