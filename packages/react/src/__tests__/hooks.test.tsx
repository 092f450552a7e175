import {
  AuthenticationError,
  type Clock,
  LemonVideo,
  RequestValidationError,
  TaskCancelledError,
} from '@lemonvideo/core';
import { act, render, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode, version } from 'react';
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  LemonVideoProvider,
  type UseVideoGenerationResult,
  useNow,
  useVideoGeneration,
  useVideoModel,
  useVideoModels,
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

describe('useVideoModels', () => {
  it('lists the video models once, with their operations (the list has no durations)', async () => {
    const before = requests();
    const { result } = renderHook(() => useVideoModels(), { wrapper: strictWrapper });
    expect(result.current).toEqual({ status: 'loading', models: [], error: null });
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    expect(result.current.models.find((model) => model.id === 'kling-video')).toMatchObject({
      operations: ['text-to-video', 'image-to-video'],
      durations: [],
      detailed: false,
    });
    // StrictMode runs the effect twice: the first request is aborted, not answered twice.
    expect(sent.slice(before).every((request) => request === 'GET /v1/models')).toBe(true);
  });

  it('keeps a failure in state', async () => {
    const refused = new LemonVideo({
      apiKey: 'sk-wrong',
      baseURL: inject('simulatorUrl'),
      dangerouslyAllowBrowser: true,
    });
    const { result } = renderHook(() => useVideoModels(), {
      wrapper: ({ children }) => (
        <LemonVideoProvider client={refused}>{children}</LemonVideoProvider>
      ),
    });
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    expect(result.current.models).toEqual([]);
  });
});

describe('useVideoModel', () => {
  it("gives one model's details, fetched once per client whatever renders it", async () => {
    const before = requests();
    const { result, rerender } = renderHook(({ id }) => useVideoModel(id), {
      wrapper: strictWrapper,
      initialProps: { id: null as string | null },
    });
    expect(result.current).toEqual({ status: 'idle', model: null, error: null });
    rerender({ id: 'kling-video' });
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('loaded'));
    expect(result.current.model).toMatchObject({
      id: 'kling-video',
      durations: [5, 10],
      aspectRatios: ['16:9', '9:16', '1:1'],
      lifecycle: { stage: 'active' },
    });
    expect(sent.slice(before).every((request) => request === 'GET /v1/models/kling-video')).toBe(
      true,
    );
    // Another component naming it reads the client's cache: no request.
    const afterFirst = requests();
    const second = renderHook(() => useVideoModel('kling-video'), { wrapper });
    await waitFor(() => expect(second.result.current.status).toBe('loaded'));
    expect(requests()).toBe(afterFirst);
  });

  it('keeps a failure in state: an unknown model', async () => {
    const { result } = renderHook(() => useVideoModel('kling-vidoe'), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.error).toMatchObject({
      code: 'model_not_found',
      didYouMean: 'kling-video',
    });
  });
});

/** A clock whose time moves only when `advance` moves it. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let waits: Array<{ at: number; resolve(): void }> = [];
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const wait = { at: now + ms, resolve };
        waits.push(wait);
        signal?.addEventListener('abort', () => {
          waits = waits.filter((each) => each !== wait);
          reject(signal.reason);
        });
      }),
    advance(ms) {
      now += ms;
      const due = waits.filter((wait) => wait.at <= now);
      waits = waits.filter((wait) => wait.at > now);
      for (const wait of due) wait.resolve();
    },
  };
}

describe('useNow', () => {
  it("moves with the client's clock while active, and holds still while not", async () => {
    const clock = manualClock();
    const timed = new LemonVideo({ baseURL: '/api', clock, dangerouslyAllowBrowser: true });
    const { result, rerender } = renderHook(({ active }) => useNow({ intervalMs: 1_000, active }), {
      wrapper: ({ children }) => <LemonVideoProvider client={timed}>{children}</LemonVideoProvider>,
      initialProps: { active: true },
    });
    expect(result.current).toBe(0);
    await act(async () => clock.advance(1_000));
    expect(result.current).toBe(1_000);
    await act(async () => clock.advance(1_000));
    expect(result.current).toBe(2_000);
    rerender({ active: false });
    await act(async () => clock.advance(5_000));
    expect(result.current).toBe(2_000);
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
