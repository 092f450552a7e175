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
  /** openapi-fetch alone over bare fetch, medians: the floor under the client. */
  openapiFetchRatio: number;
}

/**
 * `tasks.retrieve` through `LemonVideo` against a bare `fetch` of the same URL (JSON parsed
 * too), over loopback, interleaved call by call so both see the same machine. A plain
 * openapi-fetch client (same headers, no signal, no retries) runs beside them, to show how
 * much of the difference is openapi-fetch's own.
 */
export async function measureOverhead(calls: number): Promise<OverheadResult> {
  const apiKey = 'sk-bench-overhead';
  const simulator = await startSimulator({ apiKey, rateLimit: false });
  try {
    const client = new LemonVideo({ apiKey, baseURL: simulator.url, maxRetries: 0 });
    const { id } = await client.videos.create({ prompt: 'overhead' });
    const url = `${simulator.url}/v1/tasks/${id}`;
    const headers = { authorization: `Bearer ${apiKey}` };
    const viaClient = () => client.tasks.retrieve(id);
    const viaFetch = async () => (await fetch(url, { headers })).json();
    const plain = createClient<paths>({ baseUrl: simulator.url, headers });
    const viaOpenapiFetch = () => plain.GET('/v1/tasks/{id}', { params: { path: { id } } });
    const time = async (call: () => Promise<unknown>) => {
      const start = performance.now();
      await call();
      return performance.now() - start;
    };
    const ways = [viaClient, viaFetch, viaOpenapiFetch];
    for (let i = 0; i < 200; i++) for (const way of ways) await way();
    const times = ways.map((): number[] => []);
    for (let i = 0; i < calls; i++) {
      // Alternate the order, so that no way always follows the same other.
      const order = i % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
      for (const way of order) times[way]?.push(await time(ways[way] as () => Promise<unknown>));
    }
    const [clientMedianMs, fetchMedianMs, openapiFetchMedianMs] = times.map(median) as [
      number,
      number,
      number,
    ];
    return {
      calls,
      clientMedianMs,
      fetchMedianMs,
      openapiFetchMedianMs,
      ratio: clientMedianMs / fetchMedianMs,
      openapiFetchRatio: openapiFetchMedianMs / fetchMedianMs,
    };
  } finally {
    await simulator.close();
  }
}
