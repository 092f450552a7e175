import type { VideoTask } from '@lemonvideo/core';
import { useLemonVideo } from '@lemonvideo/react';
import { useEffect, useRef, useState } from 'react';
import { saveVideo } from '../../session/save-video';
import type { TaskRecorder } from '../../session/task-recorder';
import type { VideoTarget } from '../../session/video-path';

export type SaveState =
  | { status: 'idle' }
  | { status: 'downloading'; loaded: number; total: number | null }
  | { status: 'saved'; path: string; bytes: number }
  | { status: 'failed'; error: unknown };

/** Progress steps worth a render: whole percents, or 256 KiB when the size is unknown. */
function step(loaded: number, total: number | null): number {
  return total ? Math.floor((loaded / total) * 100) : Math.floor(loaded / 262_144);
}

/**
 * Saves a completed task's video to `target` once there is one (the session's `saveVideo`,
 * which records the file), with progress; once only. Unmounting stops it, and no partial
 * file is left at its path.
 */
export function useSaveVideo(
  task: VideoTask | null,
  target: VideoTarget | null,
  recorder: TaskRecorder,
): SaveState {
  const client = useLemonVideo();
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const started = useRef(false);

  useEffect(() => {
    if (started.current || task?.video == null || target === null) return;
    started.current = true;
    const controller = new AbortController();
    setState({ status: 'downloading', loaded: 0, total: null });
    saveVideo(client, task, target, recorder, {
      signal: controller.signal,
      onProgress: ({ loaded, total }) =>
        setState((previous) =>
          previous.status === 'downloading' && step(previous.loaded, total) === step(loaded, total)
            ? previous
            : { status: 'downloading', loaded, total },
        ),
    }).then(
      (saved) => setState({ status: 'saved', path: saved.path, bytes: saved.bytes }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [client, task, target, recorder]);
  return state;
}
