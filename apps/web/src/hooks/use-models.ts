import type { VideoModel } from '@lemonvideo/core';
import { useLemonVideo } from '@lemonvideo/react';
import { useEffect, useState } from 'react';

/** The video models, loaded once. */
export function useModels(): { models: VideoModel[]; error: Error | null } {
  const client = useLemonVideo();
  const [models, setModels] = useState<VideoModel[]>([]);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    client.models.list({}, { signal: controller.signal }).then(setModels, (reason: unknown) => {
      if (!controller.signal.aborted) setError(reason as Error);
    });
    return () => controller.abort();
  }, [client]);
  return { models, error };
}
