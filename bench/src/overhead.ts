import { LemonVideo, type paths } from '@lemonvideo/core';
import { startSimulator } from '@lemonvideo/simulator';
import createClient from 'openapi-fetch';
import { median } from './stats';

export interface OverheadResult {
  calls: number;
  clientMedianMs: number;
  fetchMedianMs: number;
  openapiFetchMedianMs: number;
  /** Client over bare fetch, medians. */
  ratio: number;
  /** Bare fetch with an abort signal and a timeout timer, as the client sends, over bare fetch. */
  abortableFetchRatio: number;
  /** openapi-fetch alone (same headers, no signal) over bare fetch. */
  openapiFetchRatio: number;
}

/**
 * `tasks.retrieve` through `LemonVideo` against a bare `fetch` of the same URL (JSON parsed
 * too), over loopback, interleaved call by call so all see the same machine. Beside them, to
 * show where the difference comes from: bare fetch with the abort signal and timer every
 * client call carries (its timeout), and a plain openapi-fetch client.
 */
export async function measureOverhead(calls: number): Promise<OverheadResult> {
  const apiKey = 'sk-bench-overhead';
  const simulator = await startSimulator({ apiKey, rateLimit: false });
  try {
    const client = new LemonVideo({ apiKey, baseURL: simulator.url, maxRetries: 0 });
    const { id } = await client.videos.create({ prompt: 'overhead' });
    const url = `${simulator.url}/v1/tasks/${id}`;
    const headers = { authorization: `Bearer ${apiKey}` };
    const plain = createClient<paths>({ baseUrl: simulator.url, headers });
    const ways = {
      client: () => client.tasks.retrieve(id),
      fetch: async () => (await fetch(url, { headers })).json(),
      abortableFetch: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 60_000);
        try {
          return await (await fetch(url, { headers, signal: controller.signal })).json();
        } finally {
          clearTimeout(timer);
        }
      },
      openapiFetch: () => plain.GET('/v1/tasks/{id}', { params: { path: { id } } }),
    };
    type Way = keyof typeof ways;
    const names = Object.keys(ways) as Way[];
    for (let i = 0; i < 200; i++) for (const name of names) await ways[name]();
    const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
      Way,
      number[]
    >;
    for (let i = 0; i < calls; i++) {
      // Alternate the order, so that no way always follows the same other.
      for (const name of i % 2 === 0 ? names : [...names].reverse()) {
        const start = performance.now();
        await ways[name]();
        times[name].push(performance.now() - start);
      }
    }
    const fetchMedianMs = median(times.fetch);
    const clientMedianMs = median(times.client);
    const abortableFetchMedianMs = median(times.abortableFetch);
    const openapiFetchMedianMs = median(times.openapiFetch);
    return {
      calls,
      clientMedianMs,
      fetchMedianMs,
      openapiFetchMedianMs,
      ratio: clientMedianMs / fetchMedianMs,
      abortableFetchRatio: abortableFetchMedianMs / fetchMedianMs,
      openapiFetchRatio: openapiFetchMedianMs / fetchMedianMs,
    };
  } finally {
    await simulator.close();
  }
}
