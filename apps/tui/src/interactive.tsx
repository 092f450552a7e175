import { LemonVideoProvider } from '@lemonvideo/react';
import { render } from 'ink';
import { App } from './app';
import type { AppExit } from './app-exit';
import { type GlobalOptions, timeoutsOf } from './command-context';
import type { Connection } from './connection';
import { exitCodes } from './exit-codes';
import { HistoryStore, historyPath } from './history-store';
import { openExternal } from './open-external';

/** Runs the app in this terminal until it quits; resolves with the exit code. */
export async function runInteractive(
  options: GlobalOptions,
  connection: Connection,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  const { waitMs } = timeoutsOf(options);
  let ended: AppExit = { code: exitCodes.ok };
  const instance = render(
    <LemonVideoProvider client={connection.client}>
      <App
        connection={connection}
        history={new HistoryStore(historyPath(env))}
        cwd={cwd}
        cancelOnExit={options.cancelOnExit === true}
        timeoutMs={waitMs}
        rows={process.stdout.rows || 24}
        openExternal={openExternal}
        onExit={(how) => {
          ended = how;
        }}
      />
    </LemonVideoProvider>,
    { exitOnCtrlC: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    await connection.close();
  }
  if (ended.message) process.stderr.write(`${ended.message}\n`);
  return ended.code;
}
