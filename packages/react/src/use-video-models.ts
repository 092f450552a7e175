import type { ListModelsParams, VideoModel } from '@lemonvideo/core';
import { useEffect, useState } from 'react';
import { useLemonVideo } from './context';

/** The model catalogue as it loads: `models` is empty until it has. */
export type UseVideoModelsResult =
  | { status: 'loading'; models: readonly VideoModel[]; error: null }
  | { status: 'loaded'; models: readonly VideoModel[]; error: null }
  | { status: 'failed'; models: readonly VideoModel[]; error: unknown };

const loading: UseVideoModelsResult = { status: 'loading', models: [], error: null };

/**
 * The video models as the API lists them (id, provider, operations, lifecycle, price summary),
 * listed once per client and category: `params` are those of `client.models.list` (default:
 * video models). The list carries no durations, resolutions or aspect ratios: `useVideoModel(id)`
 * gives the chosen model's. A failure lands in `error`; unmounting stops the request.
 */
export function useVideoModels(params: ListModelsParams = {}): UseVideoModelsResult {
  const client = useLemonVideo();
  const [state, setState] = useState(loading);
  const category = params.category;
  useEffect(() => {
    const controller = new AbortController();
    setState(loading);
    const query = category === undefined ? {} : { category };
    client.models.list(query, { signal: controller.signal }).then(
      (models) => setState({ status: 'loaded', models, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', models: [], error });
      },
    );
    return () => controller.abort();
  }, [client, category]);
  return state;
}
