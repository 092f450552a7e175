import { queuedTask, type TaskState } from '@lemonvideo/core';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../batch-journal';
import { batchReport, failureText } from '../batch-report';

const state = (line: number, patch: Partial<TaskState>): TaskState => ({
  ...queuedTask({ prompt: `shot ${line}` }, { key: `line ${line}`, now: 0 }),
  creates: 1,
  polls: 2,
  ...patch,
});
const entry = (line: number, patch: Partial<TaskState>, more: Partial<JournalEntry> = {}) => ({
  key: `line ${line}`,
  line,
  id: null,
  out: null,
  state: state(line, patch),
  file: null,
  downloadError: null,
  recorded: null,
  ...more,
});
const completed = {
  phase: 'completed',
  taskId: 't1',
  video: { url: 'https://cdn/v.mp4' },
} as const;
const stepError = {
  name: 'TaskFailedError',
  message: 'Rejected by the provider',
  status: null,
  code: 'content_policy_violation',
  requestId: null,
  kind: 'task-ended',
};

describe('batchReport', () => {
  it('exits 0 when every video was saved, and counts every request', () => {
    const report = batchReport([entry(1, completed, { file: '/v/t1.mp4' })], {
      saving: true,
      stopped: false,
    });
    expect(report).toMatchObject({
      completed: 1,
      failed: 0,
      unfinished: 0,
      requests: 3,
      exitCode: 0,
    });
  });

  it('exits 1 when a task failed or its video could not be saved, naming why', () => {
    const report = batchReport(
      [
        entry(1, { phase: 'failed', error: stepError }),
        entry(2, completed, {
          downloadError: { name: 'DownloadError', code: 'file_exists', message: 'There already.' },
        }),
        entry(3, { phase: 'mayHaveCreatedTask', error: { ...stepError, name: 'ConnectionError' } }),
      ],
      { saving: true, stopped: false },
    );
    expect(report).toMatchObject({ completed: 0, failed: 3, unfinished: 0, exitCode: 1 });
    expect(report.lines.map(failureText)).toEqual([
      'line 1: failed: Rejected by the provider',
      'line 2: video not saved: There already.',
      'line 3: may have been created (its create was sent, its answer lost): look for it before creating it again: Rejected by the provider',
    ]);
  });

  it('exits 130 when stopped with tasks not ended, or videos not saved yet; 0 when not saving', () => {
    const entries = [entry(1, { phase: 'running', taskId: 't2' }), entry(2, completed)];
    expect(batchReport(entries, { saving: true, stopped: true })).toMatchObject({
      unfinished: 2,
      exitCode: 130,
    });
    expect(batchReport([entry(2, completed)], { saving: false, stopped: false })).toMatchObject({
      completed: 1,
      exitCode: 0,
    });
  });
});
