import { Box, useInput } from 'ink';
import type { HistoryEntry } from '../../session/history-store';
import { oneLine } from '../../text/safe-text';
import { KeyHints } from '../components/KeyHints';
import { Text } from '../components/Text';
import { useSyncState } from '../hooks/use-sync-reducer';

export interface HistoryScreenProps {
  entries: readonly HistoryEntry[];
  /** Where the history file is, for an empty list. */
  file: string;
  /** How many entries fit on screen. */
  rows: number;
  onOpen: (entry: HistoryEntry) => void;
  onNew: () => void;
  onQuit: () => void;
}

const statusColor: Partial<Record<HistoryEntry['status'], string>> = {
  completed: 'green',
  failed: 'red',
  cancelled: 'yellow',
  creating: 'yellow',
};

/** What can be done with an entry, in a few words. */
function detailOf(entry: HistoryEntry): string {
  if (entry.status === 'creating') {
    return `The create never answered: the task may exist on ${entry.api.host}, but its id is unknown.`;
  }
  if (entry.error) return entry.error.message;
  if (entry.api.embedded && entry.result === null && entry.status !== 'failed') {
    return 'It ran on the built-in simulator of the lemonvideo that created it, and ends with it.';
  }
  if (entry.result?.file) return `saved ${entry.result.file}`;
  if (entry.result) return `video ${entry.result.videoUrl}`;
  return `enter follows it on ${entry.api.host}`;
}

/** Every task the app has started or followed, newest first; enter resumes or saves one. */
export function HistoryScreen({ entries, file, rows, onOpen, onNew, onQuit }: HistoryScreenProps) {
  const [selected, select, latest] = useSyncState(0);
  const visible = Math.max(3, rows);
  const first = Math.min(
    Math.max(0, selected - Math.floor(visible / 2)),
    Math.max(0, entries.length - visible),
  );
  const current = entries[selected];

  useInput((input, key) => {
    const at = latest();
    const entry = entries[at];
    if (key.upArrow) select(Math.max(0, at - 1));
    else if (key.downArrow) select(Math.max(0, Math.min(entries.length - 1, at + 1)));
    else if (key.return && entry && entry.status !== 'creating') onOpen(entry);
    else if (input === 'n' || key.escape) onNew();
    else if (input === 'q' || (key.ctrl && input === 'c')) onQuit();
  });

  return (
    <Box flexDirection="column">
      <Text bold>History</Text>
      {entries.length === 0 ? <Text dimColor>No tasks yet ({file}).</Text> : null}
      {entries.slice(first, first + visible).map((entry, index) => {
        const isSelected = first + index === selected;
        return (
          <Text key={entry.id} wrap="truncate-end" color={isSelected ? 'cyan' : undefined}>
            {isSelected ? '› ' : '  '}
            {entry.createdAt.slice(5, 16).replace('T', ' ')}{' '}
            <Text color={statusColor[entry.status]}>{entry.status.padEnd(10)}</Text>
            {oneLine(entry.params?.prompt ?? entry.id)}
            {entry.api.simulator ? <Text dimColor> (simulator)</Text> : null}
          </Text>
        );
      })}
      {current ? (
        <Box flexDirection="column" marginTop={1}>
          <Text wrap="wrap">
            <Text dimColor>Task </Text>
            {current.id}
          </Text>
          <Text wrap="wrap" dimColor>
            {oneLine(detailOf(current))}
          </Text>
        </Box>
      ) : null}
      <KeyHints
        hints={[
          { key: '↑↓', label: 'move' },
          {
            key: 'enter',
            label: 'open',
            enabled: current !== undefined && current.status !== 'creating',
          },
          { key: 'n', label: 'new' },
          { key: 'q', label: 'quit' },
        ]}
      />
    </Box>
  );
}
