import type { VirtualClock } from '@lemonvideo/test-helpers/virtual-clock';
import { json } from './fake-fetch';

/** How a task created with these parameters runs. */
export interface TaskPlan {
  /** Milliseconds from creation to its end. */
  ms: number;
  /** Whether it reports progress (in steps of 5%). */
  progress: boolean;
}

export interface Sent {
  method: string;
  id: string | null;
  /** The prompt of a create. */
  prompt: string | null;
  /** Clock milliseconds when it arrived. */
  at: number;
  status: number;
}

/** Answers a request before the API does (a 429, a 503, a lost connection), or lets it through. */
export type Intercept = (
  request: Request,
  sent: readonly Sent[],
) => Response | Error | undefined | Promise<Response | Error | undefined>;

/**
 * An API whose tasks run on a virtual clock, for batch tests: answers at once, records every
 * request, and lets `intercept` answer one first (a 429, a 503, a lost connection).
 */
export function virtualApi(
  clock: VirtualClock,
  plan: (params: Record<string, unknown>) => TaskPlan,
  intercept?: Intercept,
) {
  const sent: Sent[] = [];
  const tasks = new Map<string, { plan: TaskPlan; createdAt: number }>();

  const body = (id: string) => {
    const task = tasks.get(id) as { plan: TaskPlan; createdAt: number };
    const share = (clock.now() - task.createdAt) / task.plan.ms;
    const done = share >= 1;
    const progress = task.plan.progress
      ? { progress: done ? 100 : Math.floor((share * 100) / 5) * 5 }
      : {};
    return {
      id,
      status: done ? 'completed' : share > 0.05 ? 'processing' : 'pending',
      ...progress,
      ...(done && { video_url: `https://cdn.test/${id}.mp4` }),
    };
  };

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const id = request.method === 'POST' ? null : decodeURIComponent(path.split('/').pop() ?? '');
    const params =
      request.method === 'POST'
        ? ((await request.clone().json()) as Record<string, unknown>)
        : null;
    const prompt = typeof params?.prompt === 'string' ? params.prompt : null;
    const record = (status: number) =>
      sent.push({ method: request.method, id, prompt, at: clock.now(), status });
    const injected = await intercept?.(request, sent);
    if (injected instanceof Error) {
      record(0);
      throw injected;
    }
    if (injected) {
      record(injected.status);
      return injected;
    }
    if (params !== null) {
      const created = `video_${tasks.size + 1}`;
      tasks.set(created, { plan: plan(params), createdAt: clock.now() });
      record(200);
      return json({ ...body(created), model: params.model ?? null });
    }
    if (id === null || !tasks.has(id)) {
      record(404);
      return json({ error: { message: 'Task not found', code: 'async_task_not_found' } }, 404);
    }
    record(200);
    return json(body(id));
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    sent,
    created: () => tasks.size,
    /** When the task ended (clock milliseconds). */
    endedAt(id: string): number {
      const task = tasks.get(id) as { plan: TaskPlan; createdAt: number };
      return task.createdAt + task.plan.ms;
    },
  };
}
