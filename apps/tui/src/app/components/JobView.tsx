import { type JobSnapshot, remainingMs } from '@lemonvideo/core';
import { Box } from 'ink';
import { downloadLater } from '../../session/save-video';
import { formatBytes } from '../../text/format-bytes';
import { formatDuration } from '../../text/format-duration';
import type { SaveState } from '../hooks/use-save-video';
import { InfoRow } from './InfoRow';
import { InterruptDialog, type InterruptDialogProps } from './InterruptDialog';
import { Notice } from './Notice';
import { ProgressBar } from './ProgressBar';
import { Text } from './Text';

export interface JobViewProps {
  snapshot: JobSnapshot;
  /** The task's id: the snapshot's, or the one the history knows for a resumed task. */
  taskId: string | null;
  prompt: string | null;
  /** When the task began, for "elapsed" (clock milliseconds); null before it did. */
  since: number | null;
  now: number;
  download: SaveState;
  /** Where the video goes, as shown. */
  videoPath: string | null;
  /** The app stopped following the task; it goes on on the server. */
  detached: boolean;
  /** The app follows the task as it runs (created or not, not ended, not detached): the clock ticks and an ETA shows. */
  running: boolean;
  /** One line about the last key's effect, e.g. why a cancel was refused. */
  notice: string | null;
  columns: number;
  describe: (error: unknown) => string;
  /** The Ctrl-C question, when asked. */
  interrupt: InterruptDialogProps | null;
}

const statusColor = { completed: 'green', failed: 'red', cancelled: 'yellow' } as const;

/** A job as it stands: status, progress, time, ids, the video and its download. */
export function JobView(props: JobViewProps) {
  const { snapshot, now, download, columns, running } = props;
  const width = Math.max(10, Math.min(40, columns - 20));
  const left = remainingMs(snapshot, now);
  // A job that has ended stops the clock where it was last seen.
  const elapsed =
    props.since === null
      ? null
      : formatDuration((running ? now : snapshot.updatedAt) - props.since);
  const status = snapshot.status === 'submitting' ? 'creating the task…' : snapshot.status;

  return (
    <Box flexDirection="column">
      {props.prompt ? (
        <InfoRow label="Prompt">
          <Text wrap="wrap">{props.prompt}</Text>
        </InfoRow>
      ) : null}
      <InfoRow label="Task">
        <Text wrap="wrap">
          {props.taskId ?? '…'}
          {snapshot.task?.model ? <Text dimColor> · {snapshot.task.model}</Text> : null}
        </Text>
      </InfoRow>
      <InfoRow label="Status">
        <Text
          bold
          color={
            snapshot.status in statusColor
              ? statusColor[snapshot.status as keyof typeof statusColor]
              : undefined
          }
        >
          {status}
          {props.detached ? ' (detached)' : ''}
        </Text>
      </InfoRow>
      {snapshot.status === 'pending' ||
      snapshot.status === 'processing' ||
      snapshot.status === 'completed' ? (
        <InfoRow label="Progress">
          <ProgressBar
            fraction={snapshot.progress === null ? null : snapshot.progress / 100}
            width={width}
            tick={Math.floor(now / 150)}
            label={
              snapshot.progress === null
                ? 'no progress reported'
                : `${Math.round(snapshot.progress)}%`
            }
          />
        </InfoRow>
      ) : null}
      {elapsed !== null ? (
        <InfoRow label="Time">
          <Text wrap="wrap">
            {elapsed} elapsed
            {running ? ` · ETA ${left === null ? 'unknown' : formatDuration(left)}` : ''}
          </Text>
        </InfoRow>
      ) : null}
      {snapshot.video ? (
        <InfoRow label="Video">
          <Text wrap="wrap">{snapshot.video.url}</Text>
        </InfoRow>
      ) : null}
      {download.status !== 'idle' ? (
        <InfoRow label="Download">
          {download.status === 'downloading' ? (
            <ProgressBar
              fraction={download.total ? download.loaded / download.total : null}
              width={width}
              tick={Math.floor(now / 150)}
              label={
                download.total
                  ? `${Math.floor((download.loaded / download.total) * 100)}% of ${formatBytes(download.total)}`
                  : formatBytes(download.loaded)
              }
            />
          ) : download.status === 'saved' ? (
            <Text color="green" wrap="wrap">
              saved {props.videoPath ?? download.path} ({formatBytes(download.bytes)})
            </Text>
          ) : (
            <Text color="red" wrap="wrap">
              {props.describe(download.error)} Try: {downloadLater(props.taskId ?? '')}
            </Text>
          )}
        </InfoRow>
      ) : null}
      {snapshot.error && snapshot.status !== 'cancelled' ? (
        <InfoRow label="Error">
          <Text color="red" wrap="wrap">
            {props.describe(snapshot.error)}
          </Text>
        </InfoRow>
      ) : null}
      {props.detached && props.taskId ? (
        <Text color="yellow" wrap="wrap">
          The task goes on on the server: open it from history, or run lemonvideo wait{' '}
          {props.taskId}
        </Text>
      ) : null}
      <Notice color="yellow">{props.notice}</Notice>
      {props.interrupt ? <InterruptDialog {...props.interrupt} /> : null}
    </Box>
  );
}
