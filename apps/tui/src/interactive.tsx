import { LemonVideoProvider } from '@lemonvideo/react';
import { render } from 'ink';
import { App } from './app';
import type { AppExit } from './app-exit';
import type { GlobalOptions } from './command-context';
import { connect } from './connection';
import { exitCodes } from './exit-codes';
import { HistoryStore, historyPath } from './history-store';
import { numberFlag } from './number-flag';
import { openExternal } from './open-external';

/** Runs the app in this terminal until it quits; resolves with the exit code. */
export async function runInteractive(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<number> {
  const timeoutMs =
    options.timeout === undefined
      ? undefined
      : numberFlag('--timeout', options.timeout, { min: 0.001 }) * 1000;
  const connection = await connect({ baseUrl: options.baseUrl, env });
  let ended: AppExit = { code: exitCodes.ok };
  const instance = render(
    <LemonVideoProvider client={connection.client}>
      <App
        connection={connection}
        history={new HistoryStore(historyPath(env))}
        cwd={cwd}
        cancelOnExit={options.cancelOnExit === true}
        timeoutMs={timeoutMs}
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
