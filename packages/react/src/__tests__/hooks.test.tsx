import { LemonVideo, RequestValidationError, TaskCancelledError } from '@lemonvideo/core';
import { act, render, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode, version } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  LemonVideoProvider,
  type UseVideoGenerationResult,
  useVideoGeneration,
  useVideoTask,
} from '../index';

let client: LemonVideo;
const poll = { strategy: 'fixed', interval: 50 } as const;
/** What the client sent, as `METHOD /path`. */
const sent: string[] = [];

beforeAll(() => {
  const baseURL = inject('simulatorUrl');
  client = new LemonVideo({
    apiKey: 'sk-hooks-test',
    baseURL,
    dangerouslyAllowBrowser: true,
    poll,
    fetch: (input, init) => {
      const request = input as Request;
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return globalThis.fetch(input, init);
    },
  });
});

const wrapper = ({ children }: { children: ReactNode }) => (
  <LemonVideoProvider client={client}>{children}</LemonVideoProvider>
);
const strictWrapper = ({ children }: { children: ReactNode }) => (
  <StrictMode>{wrapper({ children })}</StrictMode>
);
/** Records every render's snapshot. */
const probe: { api?: UseVideoGenerationResult; seen: UseVideoGenerationResult['snapshot'][] } = {
  seen: [],
};
function Probe() {
  probe.api = useVideoGeneration();
  probe.seen.push(probe.api.snapshot);
  return null;
}

function ServerPage() {
  const generation = useVideoGeneration();
  const resumed = useVideoTask('ldtask_from_storage');
  return (
    <p>
      {generation.status}/{resumed.status}
    </p>
  );
}

const requests = () => sent.length;
/** Tasks the simulator has created, from its stats route. */
const tasksCreated = async () => {
  const response = await fetch(`${inject('simulatorUrl')}/__simulator/stats`);
  return ((await response.json()) as { tasksCreated: number }).tasksCreated;
};

it('runs on the React major version under test', () => {
  expect(version.split('.')[0]).toBe(process.env.EXPECTED_REACT_MAJOR);
});

describe('useVideoGeneration', () => {
  it('generates a video: idle → running → completed, with progress and the video', async () => {
    const { result } = renderHook(() => useVideoGeneration(), { wrapper });
    expect(result.current).toMatchObject({ status: 'idle', isIdle: true, taskId: null });
    act(() => result.current.generate({ model: 'kling-video', prompt: 'A cat', duration: 5 }));
    expect(result.current.isRunning).toBe(true);
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 10_000 });
    expect(result.current).toMatchObject({ isSuccess: true, progress: 100, isError: false });
    expect(result.current.video?.url).toMatch(/\/videos\/.+\.mp4$/);
    expect(result.current.taskId).toMatch(/^ldtask_[0-9a-f]{32}$/);
  });

  it('renders once per snapshot change', async () => {
    render(<Probe />, { wrapper });
    act(() => probe.api?.generate({ prompt: 'A cat' }));
    await waitFor(() => expect(probe.api?.status).toBe('completed'), { timeout: 10_000 });
    const distinct = new Set(probe.seen);
    expect(probe.seen.length).toBeGreaterThan(3);
    expect(probe.seen.length).toBe(distinct.size);
  });

  it('creates exactly one task under StrictMode', async () => {
    const before = await tasksCreated();
    const { result } = renderHook(() => useVideoGeneration(), { wrapper: strictWrapper });
    act(() => result.current.generate({ prompt: 'A cat in strict mode' }));
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 10_000 });
    expect((await tasksCreated()) - before).toBe(1);
  });

  it('unmount stops polling and leaves the task running on the server', async () => {
    const { result, unmount } = renderHook(() => useVideoGeneration(), { wrapper });
    act(() => result.current.generate({ model: 'veo3.1', prompt: 'A long one [queued]' }));
    await waitFor(() => expect(result.current.taskId).not.toBeNull());
    const taskId = result.current.taskId;
    unmount();
    const after = requests();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests()).toBe(after);
    expect((await client.tasks.retrieve(taskId as string)).status).not.toBe('completed');
  });

  it('a new generate detaches the running one, whose task can still be resumed by id', async () => {
    const created: string[] = [];
    const { result } = renderHook(
      () => useVideoGeneration({ onCreated: (task) => created.push(task.id) }),
      { wrapper },
    );
    act(() => result.current.generate({ model: 'veo3.1', prompt: 'first' }));
    await waitFor(() => expect(created).toHaveLength(1));
    act(() => result.current.generate({ prompt: 'second' }));
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 10_000 });
    expect(created).toHaveLength(2);
    expect(result.current.taskId).toBe(created[1]);
    const resumed = renderHook(() => useVideoTask(created[0]), { wrapper });
    await waitFor(() => expect(resumed.result.current.status).toBe('completed'), {
      timeout: 15_000,
    });
    resumed.unmount();
  });

  it('keeps a failure in state, and generateAsync rejects', async () => {
    const { result } = renderHook(() => useVideoGeneration(), { wrapper });
    const before = requests();
    act(() => result.current.generate({ prompt: 'x', fps: 999 }));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.error).toBeInstanceOf(RequestValidationError);
    expect(result.current.isError).toBe(true);
    expect(requests()).toBe(before);
    await act(() =>
      expect(result.current.generateAsync({ prompt: 'x', duration: 61 })).rejects.toThrow(
        'duration: must be between -1 and 60',
      ),
    );
  });

  it('cancels a queued task', async () => {
    const { result } = renderHook(() => useVideoGeneration(), { wrapper });
    act(() => result.current.generate({ model: 'seedance-2.0', prompt: 'x [queued]' }));
    await act(() => result.current.cancel());
    await waitFor(() => expect(result.current.status).toBe('cancelled'));
    expect(result.current.error).toBeInstanceOf(TaskCancelledError);
  });

  it('reset goes back to idle', async () => {
    const { result } = renderHook(() => useVideoGeneration(), { wrapper });
    act(() => result.current.generate({ prompt: 'A cat' }));
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 10_000 });
    act(() => result.current.reset());
    expect(result.current.status).toBe('idle');
  });
});

describe('useVideoTask', () => {
  it('is idle without an id, and follows a task given one', async () => {
    const task = await client.videos.create({ prompt: 'A cat' });
    const { result, rerender } = renderHook(({ id }) => useVideoTask(id), {
      wrapper,
      initialProps: { id: null as string | null },
    });
    expect(result.current.status).toBe('idle');
    rerender({ id: task.id });
    await waitFor(() => expect(result.current.status).toBe('completed'), { timeout: 10_000 });
    expect(result.current.taskId).toBe(task.id);
  });
});

describe('server rendering', () => {
  it('renders the idle state and makes no request', () => {
    const before = requests();
    const html = renderToString(
      <LemonVideoProvider client={client}>
        <ServerPage />
      </LemonVideoProvider>,
    );
    expect(html).toBe('<p>idle<!-- -->/<!-- -->idle</p>');
    expect(requests()).toBe(before);
  });
});
