import { Box } from 'ink';
import type { ReactNode } from 'react';
import { Text } from './Text';

export interface FieldProps {
  label: string;
  focused: boolean;
  /** The rule the value breaks, shown next to it. */
  issue?: string | undefined;
  /** A dim line under the value, e.g. what a model offers. */
  hint?: string | undefined;
  children: ReactNode;
}

/** One row of the form: its label, its input, and what is wrong with it. */
export function Field({ label, focused, issue, hint, children }: FieldProps) {
  return (
    <Box>
      <Box width={19} flexShrink={0}>
        <Text color={focused ? 'cyan' : undefined} bold={focused}>
          {focused ? '› ' : '  '}
          {label}
        </Text>
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1}>
        <Box>
          <Box flexShrink={1}>{children}</Box>
          {issue ? (
            <Box marginLeft={2} flexShrink={1}>
              <Text color="red" wrap="wrap">
                ✗ {issue}
              </Text>
            </Box>
          ) : null}
        </Box>
        {hint ? (
          <Text dimColor wrap="wrap">
            {hint}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}
