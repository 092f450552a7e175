import { join } from 'node:path';
import { LemonVideoProvider } from '@lemonvideo/react';
import type { Simulator } from '@lemonvideo/simulator';
import { StrictMode } from 'react';
import { vi } from 'vitest';
import { connect } from '../../session/connection';
import { HistoryStore } from '../../session/history-store';
import { App } from '../App';
import { renderAt } from './ink-harness';

/** What the app is rendered with. */
export interface RenderAppOptions {
  /** The API the app talks to. */
  simulator: Simulator;
  /** Where the history file goes (`history.json`). */
  dataDir: string;
  /** Where videos are saved. */
  cwd: string;
  /** The environment the connection reads (the key). Default: none. */
  env?: NodeJS.ProcessEnv;
  /** The terminal's width. Default: 100. */
  columns?: number;
  /** Whether leaving the app cancels its task. Default: false. */
  cancelOnExit?: boolean;
  /** Mount it in React's StrictMode, which mounts every component twice. Default: false. */
  strict?: boolean;
}

/**
 * The whole app as `run-app.tsx` mounts it, on a terminal 30 rows high, with `onExit` and
 * `openExternal` as mocks; its connection and history store come back with the view.
 */
export async function renderApp({
  simulator,
  dataDir,
  cwd,
  env = {},
  columns = 100,
  cancelOnExit = false,
  strict = false,
}: RenderAppOptions) {
  const connection = await connect({ baseUrl: simulator.url, env });
  const history = new HistoryStore(join(dataDir, 'history.json'));
  const onExit = vi.fn();
  const openExternal = vi.fn(async () => undefined);
  const app = (
    <LemonVideoProvider client={connection.client}>
      <App
        connection={connection}
        history={history}
        cwd={cwd}
        cancelOnExit={cancelOnExit}
        rows={30}
        openExternal={openExternal}
        onExit={onExit}
      />
    </LemonVideoProvider>
  );
  const view = renderAt(strict ? <StrictMode>{app}</StrictMode> : app, columns);
  return { ...view, connection, history, onExit, openExternal };
}
