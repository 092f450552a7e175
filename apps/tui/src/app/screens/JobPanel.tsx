import { relative } from 'node:path';
import { type UseVideoTaskResult, useNow } from '@lemonvideo/react';
import { useInput } from 'ink';
import { useMemo, useState } from 'react';
import { exitCodes } from '../../session/exit-codes';
import { type LeaveChoice, leaveJob } from '../../session/leave-job';
import type { TaskRecorder } from '../../session/task-recorder';
import { defaultVideoTarget } from '../../session/video-path';
import { JobView } from '../components/JobView';
import { KeyHints } from '../components/KeyHints';
import { useColumns } from '../hooks/use-columns';
import { useSaveVideo } from '../hooks/use-save-video';
import { useSyncState } from '../hooks/use-sync-reducer';
import type { TaskScreenActions } from './task-screen';

export interface JobPanelProps extends TaskScreenActions {
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
  const completedId = completed?.id;
  // The same object while the task is the same: a new one would restart the download.
  const target = useMemo(
    () => (completedId === undefined ? null : defaultVideoTarget(props.cwd, completedId)),
    [props.cwd, completedId],
  );
  const download = useSaveVideo(completed, target, recorder);
  const now = useNow({ intervalMs: 250, active: running || download.status === 'downloading' });
  const columns = useColumns();

  /** Leaves the running job (`leaveJob`, as the CLI does on Ctrl-C) and exits 130 saying how. */
  const leave = (choice: LeaveChoice) => {
    setAsking(false);
    if (job === null) return;
    if (choice === 'cancel') setNotice('Cancelling…');
    leaveJob(job, choice, { resumable: props.resumable, describe }).then((left) =>
      onExit({ code: exitCodes.interrupted, message: left.message }),
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
