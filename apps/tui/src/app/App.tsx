import { existsSync } from 'node:fs';
import {
  type CreateVideoParams,
  parseCreateParams,
  RequestValidationError,
} from '@lemonvideo/core';
import { useVideoModel, useVideoModels } from '@lemonvideo/react';
import { Box, useApp } from 'ink';
import { useState } from 'react';
import type { Connection } from '../session/connection';
import { type FieldText, labelOf } from '../session/create-fields';
import { exitCodes } from '../session/exit-codes';
import type { HistoryEntry, HistoryStore } from '../session/history-store';
import { assertBodyFits, imageFields } from '../session/image-input';
import { TaskRecorder } from '../session/task-recorder';
import type { AppExit } from './app-exit';
import { Header } from './components/Header';
import { useColumns } from './hooks/use-columns';
import { GenerateForm } from './screens/GenerateForm';
import { HistoryScreen } from './screens/HistoryScreen';
import { NewJobScreen } from './screens/NewJobScreen';
import { ResumedJobScreen } from './screens/ResumedJobScreen';
import { SavedVideoScreen } from './screens/SavedVideoScreen';

export interface AppProps {
  /** Where requests go, never the key itself; the client comes from `LemonVideoProvider`. */
  connection: Pick<Connection, 'api' | 'maskedKey' | 'describe' | 'redact'>;
  history: HistoryStore;
  /** Videos go to `<cwd>/videos/`. */
  cwd: string;
  /** Ctrl-C's default while a task runs: cancel it instead of detaching. */
  cancelOnExit: boolean;
  /** Milliseconds to wait for a task. Default: core's. */
  timeoutMs?: number | undefined;
  /** Terminal rows, for the history list. */
  rows: number;
  openExternal: (target: string) => Promise<void>;
  /** Called once, as the app ends. */
  onExit: (exit: AppExit) => void;
}

type Screen =
  | { name: 'form' }
  | { name: 'job'; id: string; params: CreateVideoParams; recorder: TaskRecorder }
  | { name: 'task'; id: string; recorder: TaskRecorder }
  | { name: 'saved'; entry: HistoryEntry; file: string }
  | { name: 'history'; entries: HistoryEntry[] };

/** The interactive app: the form, a job, the history; the SIMULATOR badge on every screen. */
export function App(props: AppProps) {
  const { connection, history } = props;
  const { exit } = useApp();
  const models = useVideoModels();
  /** Errors in the form's words: a field by its label, not its flag. */
  const describe = (error: unknown) => connection.describe(error, labelOf);
  const columns = useColumns();
  const [screen, setScreen] = useState<Screen>({ name: 'form' });
  const [draft, setDraft] = useState<FieldText>({});
  const [refused, setRefused] = useState<string | undefined>();

  const quit = (how: AppExit) => {
    props.onExit(how);
    exit();
  };
  const showForm = () => setScreen({ name: 'form' });
  const showHistory = () => setScreen({ name: 'history', entries: history.list() });
  const generate = (checked: CreateVideoParams, text: FieldText) => {
    setDraft(text);
    let params = checked;
    try {
      // The image as typed: a URL is image_url, a file is read inline (image).
      if (text.image?.trim()) {
        const { image: _typed, ...rest } = text;
        const label = labelOf('image');
        const parsed = parseCreateParams({ ...rest, ...imageFields(text.image, label, props.cwd) });
        if (parsed.issues.length > 0) throw new RequestValidationError(parsed.issues);
        params = parsed.params;
        assertBodyFits(params, connection.api.simulator, [label]);
      }
    } catch (error) {
      setRefused(describe(error));
      return;
    }
    setRefused(undefined);
    const recorder = TaskRecorder.beforeCreate(history, connection.api, params, connection.redact);
    setScreen({ name: 'job', id: recorder.entry.id, params, recorder });
  };
  const open = (entry: HistoryEntry) => {
    const file = entry.result?.file;
    if (entry.status === 'completed' && file && existsSync(file)) {
      setScreen({ name: 'saved', entry, file });
      return;
    }
    const recorder = TaskRecorder.forTask(
      history,
      connection.api,
      entry.id,
      connection.redact,
      entry,
    );
    setScreen({ name: 'task', id: entry.id, recorder });
  };
  const panel = {
    cwd: props.cwd,
    cancelOnExit: props.cancelOnExit,
    resumable: !connection.api.embedded,
    timeoutMs: props.timeoutMs,
    describe,
    openExternal: props.openExternal,
    onNew: showForm,
    onHistory: showHistory,
    onExit: quit,
  };

  return (
    <Box flexDirection="column" width={columns}>
      <Header api={connection.api} maskedKey={connection.maskedKey} />
      {screen.name === 'form' ? (
        <GenerateForm
          models={models}
          useModel={useVideoModel}
          error={refused}
          initial={draft}
          describe={describe}
          onSubmit={generate}
          onHistory={showHistory}
          onQuit={() => quit({ code: exitCodes.ok })}
        />
      ) : screen.name === 'job' ? (
        <NewJobScreen
          key={screen.id}
          {...panel}
          params={screen.params}
          recorder={screen.recorder}
        />
      ) : screen.name === 'task' ? (
        <ResumedJobScreen key={screen.id} {...panel} recorder={screen.recorder} />
      ) : screen.name === 'saved' ? (
        <SavedVideoScreen
          entry={screen.entry}
          file={screen.file}
          describe={describe}
          openExternal={props.openExternal}
          onNew={showForm}
          onHistory={showHistory}
          onExit={quit}
        />
      ) : (
        <HistoryScreen
          entries={screen.entries}
          file={history.file}
          rows={Math.max(3, props.rows - 14)}
          onOpen={open}
          onNew={showForm}
          onQuit={() => quit({ code: exitCodes.ok })}
        />
      )}
    </Box>
  );
}
