import { LemonVideoProvider } from '@lemonvideo/react';
import { render } from 'ink';
import type { Connection } from '../session/connection';
import type { Terminal } from './run-app';
import { BatchScreen, type BatchScreenProps } from './screens/BatchScreen';

/**
 * Shows a batch's live view on `terminal` until `close` is called; the last frame stays. It reads
 * no keys (Ctrl-C reaches the command as SIGINT).
 */
export function showBatch(
  connection: Connection,
  props: Omit<BatchScreenProps, 'api' | 'maskedKey'>,
  { stdout, stderr, stdin }: Terminal,
): { close(): Promise<void> } {
  const instance = render(
    <LemonVideoProvider client={connection.client}>
      <BatchScreen {...props} api={connection.api} maskedKey={connection.maskedKey} />
    </LemonVideoProvider>,
    { stdout, stderr, stdin, exitOnCtrlC: false, patchConsole: false },
  );
  return {
    close: async () => {
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
