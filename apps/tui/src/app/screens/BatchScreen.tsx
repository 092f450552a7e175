import { remainingMs } from '@lemonvideo/core';
import { useNow } from '@lemonvideo/react';
import { Box } from 'ink';
import { useSyncExternalStore } from 'react';
import type { BatchProgress } from '../../session/batch-progress';
import type { HistoryApi } from '../../session/history-store';
import { formatDuration } from '../../text/format-duration';
import { Header } from '../components/Header';
import { InfoRow } from '../components/InfoRow';
import { ProgressBar } from '../components/ProgressBar';
import { Text } from '../components/Text';
import { useColumns } from '../hooks/use-columns';

export interface BatchScreenProps {
  progress: Pick<BatchProgress, 'subscribe' | 'getSnapshot'>;
  id: string;
  /** The batch file, as shown. */
  file: string;
  resumed: boolean;
  /** Where videos go, as shown; null when they are not saved. */
  outDir: string | null;
  api: HistoryApi;
  maskedKey: string | null;
}

/** A batch's live view: totals per phase, throughput, requests per task, ETA, recent failures. */
export function BatchScreen(props: BatchScreenProps) {
  const { progress } = props;
  const snapshot = useSyncExternalStore(progress.subscribe, progress.getSnapshot);
  const now = useNow({ active: !snapshot.done });
  const columns = useColumns();
  const { phases, tasks } = snapshot;
  const failed = phases.failed + phases.cancelled + phases.mayHaveCreatedTask;
  const ended = phases.completed + failed;
  const at = snapshot.done ? snapshot.updatedAt : Math.max(now, snapshot.updatedAt);
  const eta = remainingMs(snapshot, at);
  const counts: Array<[string, number, string | undefined]> = [
    ['queued', phases.queued, undefined],
    ['creating', phases.creating, undefined],
    ['running', phases.running, 'cyan'],
    ['completed', phases.completed, 'green'],
    ['failed', phases.failed + phases.cancelled, 'red'],
    ['may exist', phases.mayHaveCreatedTask, 'yellow'],
  ];
  return (
    <Box flexDirection="column">
      <Header api={props.api} maskedKey={props.maskedKey} />
      <InfoRow label="Batch">
        <Text wrap="truncate-end">
          <Text bold>{props.id}</Text> · {props.file} · {tasks} tasks
          {props.resumed ? ' · resumed' : ''}
        </Text>
      </InfoRow>
      <InfoRow label="Ended">
        <ProgressBar
          fraction={tasks === 0 ? 1 : ended / tasks}
          width={Math.max(10, Math.min(40, columns - 30))}
          label={`${ended}/${tasks}`}
        />
      </InfoRow>
      <InfoRow label="Tasks">
        <Text wrap="wrap">
          {counts.map(([label, count, color], index) => (
            <Text key={label} color={count > 0 ? color : undefined} dimColor={count === 0}>
              {index > 0 ? ' · ' : ''}
              {label} {count}
            </Text>
          ))}
        </Text>
      </InfoRow>
      <InfoRow label="Videos">
        <Text>
          {props.outDir === null
            ? 'not saved (--no-download)'
            : `${snapshot.saved} saved in ${props.outDir}${snapshot.saveFailed > 0 ? ` · ${snapshot.saveFailed} not saved` : ''}`}
        </Text>
      </InfoRow>
      <InfoRow label="Pace">
        <Text>
          {snapshot.videosPerMinute === null ? '–' : snapshot.videosPerMinute.toFixed(1)} videos/min
          · {snapshot.requestsPerTask === null ? '–' : snapshot.requestsPerTask.toFixed(1)}{' '}
          requests/task · {snapshot.requests} requests
        </Text>
      </InfoRow>
      <InfoRow label="Time">
        <Text>
          {formatDuration(at - snapshot.startedAt)} elapsed
          {snapshot.done ? '' : ` · ETA ${eta === null ? '–' : formatDuration(eta)}`}
        </Text>
      </InfoRow>
      {snapshot.recentFailures.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>Recent failures</Text>
          {snapshot.recentFailures.map((failure, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is newest first, replaced whole.
            <Text key={index} wrap="truncate-end">
              <Text color="red">line {failure.line}</Text>
              {failure.id === null ? '' : ` (${failure.id})`}: {failure.message}
            </Text>
          ))}
        </Box>
      ) : null}
      {snapshot.done ? null : (
        <Box marginTop={1}>
          <Text dimColor>Ctrl-C stops; run the same command again to go on.</Text>
        </Box>
      )}
    </Box>
  );
}
