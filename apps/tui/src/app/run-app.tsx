import { LemonVideoProvider } from '@lemonvideo/react';
import { render } from 'ink';
import type { Connection } from '../session/connection';
import { exitCodes } from '../session/exit-codes';
import type { Session } from '../session/session';
import { App } from './App';
import type { AppExit } from './app-exit';
import { openExternal } from './open-external';

/** The terminal the app draws on and reads keys from. */
export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Runs the app in `terminal` until it quits; resolves with how it ended. */
export async function runApp(
  session: Session,
  connection: Connection,
  { stdin, stdout, stderr }: Terminal,
): Promise<AppExit> {
  let ended: AppExit = { code: exitCodes.ok };
  const instance = render(
    <LemonVideoProvider client={connection.client}>
      <App
        connection={connection}
        history={session.history}
        cwd={session.cwd}
        cancelOnExit={session.options.cancelOnExit}
        timeoutMs={session.options.waitMs}
        rows={stdout.rows || 24}
        openExternal={openExternal}
        onExit={(how) => {
          ended = how;
        }}
      />
    </LemonVideoProvider>,
    { stdin, stdout, stderr, exitOnCtrlC: false },
  );
  await instance.waitUntilExit();
  return ended;
}
