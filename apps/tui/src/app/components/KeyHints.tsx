import { Box } from 'ink';
import { Text } from './Text';

export interface KeyHint {
  key: string;
  label: string;
  /** Shown dim when the key does nothing right now. Default true. */
  enabled?: boolean;
}

/** The keys of the screen, always on screen; wraps on a narrow terminal. */
export function KeyHints({ hints }: { hints: readonly KeyHint[] }) {
  return (
    <Box flexWrap="wrap" columnGap={2} marginTop={1}>
      {hints.map(({ key, label, enabled = true }) => (
        <Text key={key} dimColor={!enabled}>
          <Text bold={enabled} color={enabled ? 'cyan' : undefined}>
            {key}
          </Text>{' '}
          {label}
        </Text>
      ))}
    </Box>
  );
}
