import { apiError, json } from './fake-fetch';

export interface Phase {
  /** Until this many ms after creation… */
  until: number;
  /** …the task looks like this. */
  body: Record<string, unknown>;
}

/**
 * An in-memory API whose tasks follow a timeline on the (fake) clock, for lifecycle tests.
 * `override` answers a request before the timeline does, e.g. to inject a failure.
 */
export function fakeApi(timeline: Phase[], final: Record<string, unknown>) {
  const log: Array<{ method: string; path: string; at: number }> = [];
  let created = 0;
  const tasks = new Map<string, number>();
  let override: ((request: Request, path: string) => Response | undefined) | undefined;

  const taskBody = (id: string) => {
    const createdAt = tasks.get(id) as number;
    const elapsed = Date.now() - createdAt;
    const phase = timeline.find((p) => elapsed < p.until);
    return {
      id,
      task_id: id,
      model: 'kling-video',
      poll_url: `/v1/tasks/${id}`,
      ...(phase?.body ?? final),
    };
  };

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const path = new URL(request.url).pathname;
    log.push({ method: request.method, path, at: Date.now() });
    const injected = override?.(request, path);
    if (injected) return injected;
    if (request.method === 'POST') {
      created += 1;
      const id = `video_${created}`;
      tasks.set(id, Date.now());
      return json(taskBody(id));
    }
    const id = decodeURIComponent(path.split('/').pop() ?? '');
    if (!tasks.has(id)) return apiError(404, 'async_task_not_found');
    if (request.method === 'DELETE') {
      return json({
        ...taskBody(id),
        status: 'failed',
        cancelled: true,
        cancellation_status: 'cancelled',
      });
    }
    return json(taskBody(id));
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    log,
    created: () => created,
    polls: () => log.filter((entry) => entry.method === 'GET').length,
    inject(answer: typeof override) {
      override = answer;
    },
  };
}

/** A typical timeline: queued 5 s, processing with progress to 60 s, then completed. */
export const typicalTimeline: Phase[] = [
  { until: 5_000, body: { status: 'pending' } },
  { until: 20_000, body: { status: 'processing', progress: 10 } },
  { until: 40_000, body: { status: 'processing', progress: 40 } },
  { until: 60_000, body: { status: 'processing', progress: 80 } },
];

export const completed = {
  status: 'completed',
  progress: 100,
  video_url: 'https://cdn.test/video.mp4',
};
