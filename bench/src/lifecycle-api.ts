import {
  planTask,
  type Random,
  type RateLimit,
  RateLimiter,
  rateLimitedReply,
  type TaskPlan,
  taskStateAt,
  videoModels,
} from '@lemonvideo/simulator';
import type { VirtualClock } from '@lemonvideo/test-helpers/virtual-clock';

interface Task {
  plan: TaskPlan;
  createdAt: number;
}

export interface LifecycleApiOptions {
  /** Whether tasks report progress. Default: as their model does. */
  reportsProgress?: boolean | undefined;
  /** The vendor's budget: past it, 429 with Retry-After, as the simulator does. Default: none. */
  rateLimit?: RateLimit | undefined;
}

/**
 * The simulator's lifecycle model answering as the API does, on a virtual clock and without
 * HTTP: what the poll strategies and batch schedulers are measured against.
 */
export function lifecycleApi(
  clock: VirtualClock,
  random: Random,
  options: LifecycleApiOptions = {},
) {
  const tasks = new Map<string, Task>();
  const limiter = options.rateLimit && new RateLimiter(options.rateLimit, clock.now);
  let polls = 0;
  let requests = 0;
  let rateLimited = 0;
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    requests += 1;
    const decision = limiter?.consume('bench');
    if (decision && !decision.allowed) {
      rateLimited += 1;
      const reply = rateLimitedReply(decision);
      return json(reply.body, reply.status, reply.headers);
    }
    if (request.method === 'POST') {
      const params = (await request.json()) as {
        model: string;
        duration?: number;
        resolution?: string;
      };
      const model = videoModels.find((candidate) => candidate.id === params.model);
      if (!model) throw new Error(`unknown model ${params.model}`);
      const planned = planTask(model, random, params);
      const plan = {
        ...planned,
        reportsProgress: options.reportsProgress ?? planned.reportsProgress,
      };
      const id = `task_${tasks.size + 1}`;
      tasks.set(id, { plan, createdAt: clock.now() });
      return json({ id, status: 'pending', model: model.id });
    }
    polls += 1;
    const id = path.split('/').pop() as string;
    const task = tasks.get(id) as Task;
    const state = taskStateAt(task.plan, clock.now() - task.createdAt);
    return json({
      id,
      ...state,
      ...(state.status === 'completed' && { video_url: `https://cdn.invalid/${id}.mp4` }),
    });
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    polls: () => polls,
    /** Every request, answered or refused with 429. */
    requests: () => requests,
    /** Requests refused with 429. */
    rateLimited: () => rateLimited,
    created: () => tasks.size,
    /** When the task really ended (virtual ms). */
    endedAt(id: string): number {
      const task = tasks.get(id) as Task;
      return task.createdAt + task.plan.queuedMs + task.plan.processingMs;
    },
  };
}
