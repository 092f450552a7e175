import { LemonVideo } from '@lemonvideo/core';
import { startSimulator } from '@lemonvideo/simulator';
import { median } from './stats';

export interface OverheadResult {
  calls: number;
  clientMedianMs: number;
  fetchMedianMs: number;
  /** Client over bare fetch, medians. */
  ratio: number;
}

/**
 * `tasks.retrieve` through `LemonVideo` against a bare `fetch` of the same URL (JSON parsed
 * too), over loopback, interleaved call by call so both see the same machine.
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
    const time = async (call: () => Promise<unknown>) => {
      const start = performance.now();
      await call();
      return performance.now() - start;
    };
    for (let i = 0; i < 200; i++) {
      await viaClient();
      await viaFetch();
    }
    const clientTimes: number[] = [];
    const fetchTimes: number[] = [];
    for (let i = 0; i < calls; i++) {
      // Alternate which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        clientTimes.push(await time(viaClient));
        fetchTimes.push(await time(viaFetch));
      } else {
        fetchTimes.push(await time(viaFetch));
        clientTimes.push(await time(viaClient));
      }
    }
    const clientMedianMs = median(clientTimes);
    const fetchMedianMs = median(fetchTimes);
    return { calls, clientMedianMs, fetchMedianMs, ratio: clientMedianMs / fetchMedianMs };
  } finally {
    await simulator.close();
  }
}
