import {
  initialSnapshot,
  isTerminal,
  type JobSnapshot,
  TaskFailedError,
  type VideoTask,
} from '@lemonvideo/core';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { JobView, type JobViewProps } from '../components/JobView';
import { renderAt, widestLine } from './ink-harness';

const task = (patch: Partial<VideoTask> = {}): VideoTask => ({
  id: 'video_sim_abc123',
  status: 'processing',
  progress: 45,
  video: null,
  error: null,
  cancelled: false,
  model: 'kling-video',
  pollUrl: null,
  raw: { id: 'video_sim_abc123' } as VideoTask['raw'],
  ...patch,
});

const processing = (patch: Partial<JobSnapshot> = {}): JobSnapshot =>
  ({
    ...initialSnapshot(0),
    status: 'processing',
    taskId: 'video_sim_abc123',
    task: task(),
    progress: 45,
    etaMs: 20_000,
    startedAt: 0,
    updatedAt: 7_000,
    ...patch,
  }) as JobSnapshot;

const video = { url: 'http://127.0.0.1:4010/videos/video_sim_abc123.mp4' };
const completed = {
  ...processing(),
  status: 'completed',
  task: task({ status: 'completed', progress: 100, video }),
  progress: 100,
  etaMs: 0,
  video,
  updatedAt: 30_000,
} as JobSnapshot;

function renderView(props: Partial<JobViewProps>, columns = 100) {
  const snapshot = props.snapshot ?? processing();
  return renderAt(
    <JobView
      snapshot={snapshot}
      taskId={snapshot.taskId}
      prompt="A lighthouse at dusk"
      since={0}
      now={12_000}
      download={{ status: 'idle' }}
      videoPath={null}
      detached={false}
      running={snapshot.status !== 'idle' && !isTerminal(snapshot.status)}
      notice={null}
      columns={columns}
      describe={(error) => (error as Error).message}
      interrupt={null}
      {...props}
    />,
    columns,
  );
}

afterEach(cleanup);

describe('JobView', () => {
  it('shows status, progress, elapsed time, ETA and the task id', () => {
    const view = renderView({});
    expect(view.frame()).toContain('Prompt    A lighthouse at dusk');
    expect(view.frame()).toContain('Task      video_sim_abc123 · kling-video');
    expect(view.frame()).toContain('Status    processing');
    expect(view.frame()).toMatch(/Progress {2}█{18}░{22} 45%/);
    // The estimate was 20 s as of 7 s; at 12 s, 15 s are left.
    expect(view.frame()).toContain('Time      0:12 elapsed · ETA 0:15');
  });

  it('sweeps an indeterminate bar when the model reports no progress', () => {
    const snapshot = processing({ progress: null, etaMs: null, task: task({ progress: null }) });
    const first = renderView({ snapshot, now: 12_000 });
    const bar = first.frame().match(/Progress {2}(\S+) no progress reported/)?.[1];
    expect(bar).toMatch(/^░*███░*$/);
    expect(first.frame()).toContain('ETA unknown');
    cleanup();
    const later = renderView({ snapshot, now: 12_600 });
    expect(later.frame()).toMatch(/no progress reported/);
    expect(later.frame()).not.toContain(bar as string);
  });

  it('shows "creating" before the task exists, its clock running', () => {
    const view = renderView({
      snapshot: { ...initialSnapshot(0), status: 'submitting', startedAt: 0 } as JobSnapshot,
    });
    expect(view.frame()).toContain('Task      …');
    expect(view.frame()).toContain('Status    creating the task…');
    expect(view.frame()).toContain('Time      0:12 elapsed');
  });

  it('stops the clock and the ETA of a detached task', () => {
    const view = renderView({ detached: true, running: false });
    expect(view.frame()).toContain('Status    processing (detached)');
    expect(view.frame()).toContain('Time      0:07 elapsed');
    expect(view.frame()).not.toContain('ETA');
  });

  it('shows the video URL and the download with its own bar, then where it is saved', () => {
    const downloading = renderView({
      snapshot: completed,
      download: { status: 'downloading', loaded: 15_000, total: 30_000 },
    });
    expect(downloading.frame()).toContain('Status    completed');
    expect(downloading.frame()).toContain(`Video     ${video.url}`);
    expect(downloading.frame()).toMatch(/Download {2}█{20}░{20} 50% of 29 KB/);
    expect(downloading.frame()).toContain('Time      0:30 elapsed');
    cleanup();
    const saved = renderView({
      snapshot: completed,
      download: { status: 'saved', path: '/tmp/videos/video_sim_abc123.mp4', bytes: 30_803 },
      videoPath: 'videos/video_sim_abc123.mp4',
    });
    expect(saved.frame()).toContain('Download  saved videos/video_sim_abc123.mp4 (30 KB)');
  });

  it('says why a task failed', () => {
    const failed = task({
      status: 'failed',
      error: { code: 'content_policy_violation', message: 'Refused.' },
    });
    const view = renderView({
      snapshot: {
        ...processing(),
        status: 'failed',
        task: failed,
        error: new TaskFailedError(failed),
      } as JobSnapshot,
    });
    expect(view.frame()).toContain('Status    failed');
    expect(view.frame()).toContain('Error     Refused.');
  });

  it('draws no control character or escape sequence the API sent', () => {
    const hostile = task({
      status: 'failed',
      model: 'veo\u001B]52;c;cHduZWQ=\u00073.1',
      error: { code: 'x', message: 'Rejected \u001B[31mby policy\u001B[0m\r\nEVIL\u0007' },
    });
    const view = renderView({
      prompt: 'a cat \u001B]0;PWNED\u0007\u001B[2J',
      snapshot: {
        ...processing(),
        status: 'failed',
        task: hostile,
        error: new TaskFailedError(hostile),
      } as JobSnapshot,
    });
    // Ink's own colours aside, nothing but printable text and line feeds.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it removes Ink's colour codes.
    const frame = (view.lastFrame() ?? '').replace(/\u001B\[[0-9;]*m/g, '');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it looks for control characters.
    expect(frame).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(frame).not.toMatch(/PWNED|cHduZWQ=/);
    expect(view.frame()).toContain('veo3.1');
    expect(view.frame()).toMatch(/Rejected by policy\s+EVIL/);
  });

  it('asks how to leave a running task', () => {
    const view = renderView({
      interrupt: { taskId: 'video_sim_abc123', defaultChoice: 'detach', resumable: true },
    });
    expect(view.frame()).toContain('Task video_sim_abc123 is still running. Quit how?');
    expect(view.frame()).toMatch(
      /d detach: it goes on on the server; resume with lemonvideo wait \(enter\)/,
    );
    expect(view.frame()).toMatch(/c cancel it, where the model allows +│/);
    expect(view.frame()).toContain('k keep waiting (esc)');
  });

  it('does not promise a resume on the built-in simulator, which stops with the app', () => {
    const view = renderView({
      interrupt: { taskId: 'video_sim_abc123', defaultChoice: 'detach', resumable: false },
    });
    expect(view.frame()).toMatch(/d leave it: the built-in simulator stops with the app/);
    expect(view.frame()).not.toContain('lemonvideo wait');
  });

  it.each([80, 60])('fits in %i columns', (columns) => {
    const view = renderView(
      {
        snapshot: completed,
        download: { status: 'downloading', loaded: 15_000, total: 30_000 },
        interrupt: { taskId: 'video_sim_abc123', defaultChoice: 'cancel', resumable: true },
        prompt: 'A lighthouse at dusk, waves crashing on the rocks below, cinematic and slow',
      },
      columns,
    );
    expect(view.frame()).toContain('Download');
    expect(widestLine(view.frame())).toBeLessThanOrEqual(columns);
  });
});
