import type { VideoModel } from '@lemonvideo/core';
import { useEffect, useState } from 'react';
import { useLemonVideo } from './context';

/** One model's details as they load; `idle` while no model is named. */
export type UseVideoModelResult =
  | { status: 'idle' | 'loading'; model: null; error: null }
  | { status: 'loaded'; model: VideoModel; error: null }
  | { status: 'failed'; model: null; error: unknown };

const idle: UseVideoModelResult = { status: 'idle', model: null, error: null };
const loading: UseVideoModelResult = { status: 'loading', model: null, error: null };

/**
 * One model's details, for a form's choices: its operations, durations, resolutions and aspect
 * ratios (per operation too), lifecycle and price summary. Read through the client's cache
 * (`client.models.details`), so each model is fetched once per client; `id` null or empty is
 * `idle`. A failure (e.g. `NotFoundError`) lands in `error`; a new `id` or unmounting stops the
 * request.
 */
export function useVideoModel(id: string | null | undefined): UseVideoModelResult {
  const client = useLemonVideo();
  const [state, setState] = useState<{ id: string; result: UseVideoModelResult } | null>(null);
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    client.models.details(id, { signal: controller.signal }).then(
      (model) => setState({ id, result: { status: 'loaded', model, error: null } }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ id, result: { status: 'failed', model: null, error } });
        }
      },
    );
    return () => controller.abort();
  }, [client, id]);
  if (!id) return idle;
  return state?.id === id ? state.result : loading;
}
