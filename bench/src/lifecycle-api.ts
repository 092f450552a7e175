import {
  planTask,
  type Random,
  type TaskPlan,
  taskStateAt,
  videoModels,
} from '@lemonvideo/simulator';
import type { VirtualClock } from './virtual-clock';

interface Task {
  plan: TaskPlan;
  createdAt: number;
}

/**
 * The simulator's lifecycle model answering as the API does, on a virtual clock and without
 * HTTP: what the poll strategies are measured against.
 */
export function lifecycleApi(clock: VirtualClock, random: Random, reportsProgress: boolean) {
  const tasks = new Map<string, Task>();
  let polls = 0;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (request.method === 'POST') {
      const params = (await request.json()) as {
        model: string;
        duration?: number;
        resolution?: string;
      };
      const model = videoModels.find((candidate) => candidate.id === params.model);
      if (!model) throw new Error(`unknown model ${params.model}`);
      const plan = { ...planTask(model, random, params), reportsProgress };
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
    /** When the task really ended (virtual ms). */
    endedAt(id: string): number {
      const task = tasks.get(id) as Task;
      return task.createdAt + task.plan.queuedMs + task.plan.processingMs;
    },
  };
}
