import { relative } from 'node:path';
import { JobDetachedError } from '@lemonvideo/core';
import type { UseVideoTaskResult } from '@lemonvideo/react';
import { useInput } from 'ink';
import { useState } from 'react';
import type { AppExit } from '../app-exit';
import { exitCodes } from '../exit-codes';
import { useColumns } from '../hooks/use-columns';
import { useDownload } from '../hooks/use-download';
import { useNow } from '../hooks/use-now';
import { useSyncState } from '../hooks/use-sync-reducer';
import { leftTaskMessage } from '../left-task';
import type { TaskRecorder } from '../task-recorder';
import { outPath } from '../video-path';
import { JobView } from './JobView';
import { KeyHints } from './KeyHints';

export interface JobPanelProps {
  /** The job, from `useVideoGeneration` or `useVideoTask`. */
  result: Pick<UseVideoTaskResult, 'snapshot' | 'job' | 'isRunning' | 'cancel'>;
  recorder: TaskRecorder;
  /** When the task began (clock milliseconds), for "elapsed". */
  since: number | null;
  cwd: string;
  /** Ctrl-C's default: cancel instead of detach. */
  cancelOnExit: boolean;
  /** Tasks outlive the app: false on the built-in simulator, which stops with it. */
  resumable: boolean;
  describe: (error: unknown) => string;
  openExternal: (target: string) => Promise<void>;
  onNew: () => void;
  onHistory: () => void;
  onExit: (exit: AppExit) => void;
}

/**
 * A job on screen and its keys: cancel, detach, open, new, history, quit. Saves the video to
 * ./videos/<task id>.mp4 once done. Ctrl-C (or q) while it runs asks how to leave it.
 */
export function JobPanel(props: JobPanelProps) {
  const { result, recorder, describe, onExit } = props;
  const { snapshot, job } = result;
  const { entry } = recorder;
  const [asking, setAsking, isAsking] = useSyncState(false);
  const [detached, setDetached] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const running = result.isRunning && !detached;
  const completed = snapshot.status === 'completed' ? snapshot.task : null;
  const path = completed ? outPath(props.cwd, undefined, completed.id) : null;
  const download = useDownload(completed, path, (url, file) => recorder.saved(url, file));
  const now = useNow(running || download.status === 'downloading');
  const columns = useColumns();

  /** Exits 130 once the job has let go of its task (a create on its way still lands). */
  const exitDetached = (why: string) => {
    const leaveWith = (message: string) =>
      onExit({ code: exitCodes.interrupted, message: `${why}${message}` });
    job?.result.then(
      (task) => leaveWith(`Task ${task.id} had just completed.`),
      (error: unknown) => {
        const id = error instanceof JobDetachedError ? error.taskId : job.getSnapshot().taskId;
        if (id === null) leaveWith(`No task was created: ${describe(error)}`);
        else leaveWith(leftTaskMessage(id, props.resumable));
      },
    );
  };
  const leave = (how: 'detach' | 'cancel') => {
    setAsking(false);
    if (how === 'detach') {
      job?.detach();
      exitDetached('');
      return;
    }
    setNotice('Cancelling…');
    result.cancel().then(
      () =>
        onExit({
          code: exitCodes.interrupted,
          message: `Cancelled task ${job?.getSnapshot().taskId}.`,
        }),
      (error: unknown) => {
        job?.detach();
        exitDetached(`Cannot cancel: ${describe(error)} `);
      },
    );
  };

  useInput((input, key) => {
    if (isAsking() && running) {
      if (input === 'd') leave('detach');
      else if (input === 'c') leave('cancel');
      else if (key.return) leave(props.cancelOnExit ? 'cancel' : 'detach');
      else if (input === 'k' || key.escape) setAsking(false);
      return;
    }
    if ((key.ctrl && input === 'c') || input === 'q') {
      if (running) setAsking(true);
      else onExit({ code: exitCodes.ok });
    } else if (input === 'c' && running) {
      setNotice('Cancelling…');
      result.cancel().then(
        () => setNotice(null),
        (error: unknown) => setNotice(`Cannot cancel: ${describe(error)}`),
      );
    } else if (input === 'd' && running) {
      job?.detach();
      setDetached(true);
    } else if (input === 'o' && completed) {
      const target = download.status === 'saved' ? download.path : completed.video?.url;
      if (target) {
        props.openExternal(target).then(
          () => setNotice(`Opened ${target}`),
          (error: unknown) => setNotice(describe(error)),
        );
      }
    } else if (input === 'n') props.onNew();
    else if (input === 'h') props.onHistory();
  });

  return (
    <>
      <JobView
        snapshot={snapshot}
        taskId={snapshot.taskId ?? (entry.id === entry.localId ? null : entry.id)}
        prompt={entry.params?.prompt ?? null}
        since={props.since}
        now={now}
        download={download}
        videoPath={download.status === 'saved' ? relative(props.cwd, download.path) : null}
        detached={detached}
        running={running}
        notice={notice}
        columns={columns}
        describe={describe}
        interrupt={
          asking && running
            ? {
                taskId: snapshot.taskId,
                defaultChoice: props.cancelOnExit ? 'cancel' : 'detach',
                resumable: props.resumable,
              }
            : null
        }
      />
      <KeyHints
        hints={[
          { key: 'c', label: 'cancel', enabled: running },
          { key: 'd', label: 'detach', enabled: running },
          { key: 'o', label: 'open in player', enabled: completed !== null },
          { key: 'n', label: 'new' },
          { key: 'h', label: 'history' },
          { key: 'q', label: 'quit' },
        ]}
      />
    </>
  );
}
