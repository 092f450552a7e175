import type { VideoTask } from '@lemonvideo/core';
import { downloadToFile } from '@lemonvideo/core/node';
import { useLemonVideo } from '@lemonvideo/react';
import { useEffect, useRef, useState } from 'react';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'downloading'; loaded: number; total: number | null }
  | { status: 'saved'; path: string; bytes: number }
  | { status: 'failed'; error: unknown };

/** Progress steps worth a render: whole percents, or 256 KiB when the size is unknown. */
function step(loaded: number, total: number | null): number {
  return total ? Math.floor((loaded / total) * 100) : Math.floor(loaded / 262_144);
}

/**
 * Saves a completed task's video to `path` once there is one, with progress; once only.
 * Unmounting stops it, and no partial file is left at `path`.
 */
export function useDownload(
  task: VideoTask | null,
  path: string | null,
  onSaved: (videoUrl: string, path: string) => void,
): DownloadState {
  const client = useLemonVideo();
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const started = useRef(false);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });

  useEffect(() => {
    const url = task?.video?.url;
    if (started.current || task === null || url === undefined || path === null) return;
    started.current = true;
    const controller = new AbortController();
    setState({ status: 'downloading', loaded: 0, total: null });
    downloadToFile(client, task, path, {
      signal: controller.signal,
      onProgress: ({ loaded, total }) =>
        setState((previous) =>
          previous.status === 'downloading' && step(previous.loaded, total) === step(loaded, total)
            ? previous
            : { status: 'downloading', loaded, total },
        ),
    }).then(
      (result) => {
        setState({ status: 'saved', path: result.path, bytes: result.bytes });
        onSavedRef.current(url, result.path);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [client, task, path]);
  return state;
}
