import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConnectionError,
  initialSnapshot,
  type JobSnapshot,
  TaskFailedError,
  type VideoTask,
} from '@lemonvideo/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../history-store';
import { TaskRecorder } from '../task-recorder';

let dir: string;
let history: HistoryStore;
const api = { host: '127.0.0.1:4010', simulator: true, embedded: false };

const task = (patch: Partial<VideoTask> = {}): VideoTask => ({
  id: 'task_1',
  status: 'pending',
  progress: null,
  video: null,
  error: null,
  cancelled: false,
  model: 'kling-video',
  pollUrl: null,
  raw: { id: 'task_1' } as VideoTask['raw'],
  ...patch,
});

const failedSnapshot = (error: Error, taskId: string | null): JobSnapshot =>
  ({ ...initialSnapshot(0), status: 'failed', taskId, error }) as JobSnapshot;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-recorder-'));
  history = new HistoryStore(join(dir, 'history.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TaskRecorder', () => {
  it('records "create sent", then the task, then its ending', async () => {
    const recorder = await TaskRecorder.beforeCreate(history, api, { prompt: 'a cat' });
    const [sent] = await history.list();
    expect(sent).toMatchObject({ status: 'creating', params: { prompt: 'a cat' }, api });
    expect(sent?.id).toMatch(/^local-/);

    await recorder.created(task());
    expect(await history.list()).toMatchObject([
      { id: 'task_1', localId: sent?.id, status: 'pending' },
    ]);

    const video = { url: 'http://v/task_1.mp4' };
    recorder.observe({
      ...initialSnapshot(0),
      status: 'completed',
      taskId: 'task_1',
      task: task({ status: 'completed', video }),
      video,
      error: null,
    } as JobSnapshot);
    await recorder.saved(video.url, '/videos/task_1.mp4');
    expect(await history.find('task_1')).toMatchObject({
      status: 'completed',
      result: { videoUrl: video.url, file: '/videos/task_1.mp4' },
      params: { prompt: 'a cat' },
    });
  });

  it('marks a refused create failed, and keeps a create with a lost answer as "creating"', async () => {
    const refused = await TaskRecorder.beforeCreate(history, api, { prompt: 'a' });
    refused.observe(failedSnapshot(new Error('invalid key'), null));
    const lost = await TaskRecorder.beforeCreate(history, api, { prompt: 'b' });
    lost.observe(
      failedSnapshot(
        new ConnectionError('The task may have been created', {
          timeout: true,
          mayHaveCreatedTask: true,
        }),
        null,
      ),
    );
    await Promise.all([refused.flush(), lost.flush()]);
    expect(await history.find(refused.entry.id)).toMatchObject({
      status: 'failed',
      error: { message: 'invalid key' },
    });
    expect(await history.find(lost.entry.id)).toMatchObject({
      status: 'creating',
      error: { message: 'The task may have been created' },
    });
  });

  it('records why a task failed', async () => {
    const recorder = TaskRecorder.forTask(history, api, 'task_1', undefined);
    const failed = task({
      status: 'failed',
      error: { code: 'content_policy_violation', message: 'no' },
    });
    recorder.observe(failedSnapshot(new TaskFailedError(failed), 'task_1'));
    await recorder.flush();
    expect(await history.find('task_1')).toMatchObject({
      status: 'failed',
      error: { code: 'content_policy_violation' },
      params: null,
    });
  });

  it('names a task read once as its job would: started once it reports progress', async () => {
    const recorder = TaskRecorder.forTask(history, api, 'task_1', undefined);
    await recorder.seen(task({ status: 'pending', progress: 30 }));
    expect((await history.find('task_1'))?.status).toBe('processing');
    await recorder.seen(task({ status: 'completed', progress: 100 }));
    expect(await history.find('task_1')).toMatchObject({ status: 'failed', result: null });
  });
});
