import { Box } from 'ink';
import type { ReactNode } from 'react';
import { Text } from './Text';

/** A labelled line of the job screen; the value wraps within its column. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Box width={10} flexShrink={0}>
        <Text dimColor>{label}</Text>
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        {children}
      </Box>
    </Box>
  );
}
