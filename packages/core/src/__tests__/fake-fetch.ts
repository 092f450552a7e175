/** An injected `fetch` answering from a script, one step per request, recording what was sent. */
export type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

export function fakeFetch(...steps: Step[]) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const step = steps[Math.min(requests.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('fakeFetch: no step');
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, headers: Record<string, string> = {}) {
  return json({ error: { message: `simulated ${code}`, type: 'test', code } }, status, headers);
}

export const pendingTask = {
  id: 'video_1',
  task_id: 'video_1',
  status: 'pending',
  model: 'kling-video',
  poll_url: '/v1/tasks/video_1',
};
