import type { VideoModel } from '@lemonvideo/core';
import { useLemonVideo } from '@lemonvideo/react';
import { useEffect, useState } from 'react';

export type ModelsState =
  | { status: 'loading' }
  | { status: 'loaded'; models: VideoModel[] }
  | { status: 'failed'; error: unknown };

/** The video models, listed once. */
export function useModels(): ModelsState {
  const client = useLemonVideo();
  const [state, setState] = useState<ModelsState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    client.models.list({}, { signal: controller.signal }).then(
      (models) => setState({ status: 'loaded', models }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [client]);
  return state;
}
