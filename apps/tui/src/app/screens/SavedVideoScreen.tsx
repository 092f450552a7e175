import { useInput } from 'ink';
import { useState } from 'react';
import { exitCodes } from '../../session/exit-codes';
import type { HistoryEntry } from '../../session/history-store';
import { InfoRow } from '../components/InfoRow';
import { KeyHints } from '../components/KeyHints';
import { Notice } from '../components/Notice';
import { Text } from '../components/Text';
import type { TaskScreenActions } from './task-screen';

export interface SavedVideoScreenProps extends TaskScreenActions {
  entry: HistoryEntry;
  /** The video on disk. */
  file: string;
}

/** A finished task whose video is on disk: nothing to ask the API, even one long gone. */
export function SavedVideoScreen({ entry, file, ...props }: SavedVideoScreenProps) {
  const [notice, setNotice] = useState<string | null>(null);
  useInput((input, key) => {
    if (input === 'o') {
      props.openExternal(file).then(
        () => setNotice(`Opened ${file}`),
        (error: unknown) => setNotice(props.describe(error)),
      );
    } else if (input === 'n') props.onNew();
    else if (input === 'h') props.onHistory();
    else if (input === 'q' || (key.ctrl && input === 'c')) props.onExit({ code: exitCodes.ok });
  });
  return (
    <>
      {entry.params ? (
        <InfoRow label="Prompt">
          <Text wrap="wrap">{entry.params.prompt}</Text>
        </InfoRow>
      ) : null}
      <InfoRow label="Task">
        <Text wrap="wrap">{entry.id}</Text>
      </InfoRow>
      <InfoRow label="Status">
        <Text bold color="green">
          completed
        </Text>
      </InfoRow>
      <InfoRow label="Video">
        <Text wrap="wrap">{entry.result?.videoUrl}</Text>
      </InfoRow>
      <InfoRow label="Saved">
        <Text color="green" wrap="wrap">
          {file}
        </Text>
      </InfoRow>
      <Notice color="yellow">{notice}</Notice>
      <KeyHints
        hints={[
          { key: 'c', label: 'cancel', enabled: false },
          { key: 'd', label: 'detach', enabled: false },
          { key: 'o', label: 'open in player' },
          { key: 'n', label: 'new' },
          { key: 'h', label: 'history' },
          { key: 'q', label: 'quit' },
        ]}
      />
    </>
  );
}
