import { Box } from 'ink';
import type { HistoryApi } from '../../session/history-store';
import { SimulatorBadge } from './SimulatorBadge';
import { Text } from './Text';

export interface HeaderProps {
  api: HistoryApi;
  /** `sk-…abcd`, or null when no key is sent. */
  maskedKey: string | null;
}

/** The app's name, where its requests go, and the key, masked. */
export function Header({ api, maskedKey }: HeaderProps) {
  return (
    <Box flexWrap="wrap" columnGap={2} marginBottom={1}>
      <Text bold color="cyan">
        lemonvideo
      </Text>
      {api.simulator ? <SimulatorBadge embedded={api.embedded} /> : null}
      <Text dimColor wrap="truncate-end">
        {api.host} · {maskedKey ? `key ${maskedKey}` : 'no key'}
      </Text>
    </Box>
  );
}
