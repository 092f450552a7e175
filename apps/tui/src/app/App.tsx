import { existsSync } from 'node:fs';
import {
  type CreateVideoParams,
  parseCreateParams,
  RequestValidationError,
  type VideoJob,
} from '@lemonvideo/core';
import { useLemonVideo, useVideoModel, useVideoModels } from '@lemonvideo/react';
import { Box, useApp } from 'ink';
import { useState } from 'react';
import type { Connection } from '../session/connection';
import { type FieldText, labelOf } from '../session/create-fields';
import { exitCodeOf, exitCodes } from '../session/exit-codes';
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
  connection: Pick<Connection, 'api' | 'maskedKey' | 'describe'>;
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
  | { name: 'job'; id: string; job: VideoJob; recorder: TaskRecorder }
  | { name: 'task'; id: string; recorder: TaskRecorder }
  | { name: 'saved'; entry: HistoryEntry; file: string }
  | { name: 'history'; entries: HistoryEntry[] };

/** The interactive app: the form, a job, the history; the SIMULATOR badge on every screen. */
export function App(props: AppProps) {
  const { connection, history } = props;
  const { exit } = useApp();
  const client = useLemonVideo();
  const models = useVideoModels();
  /** Errors in the form's words: a field by its label, not its flag. */
  const describe = (error: unknown) => connection.describe(error, labelOf);
  const columns = useColumns();
  const [screen, setScreen] = useState<Screen>({ name: 'form' });
  const [draft, setDraft] = useState<FieldText>({});
  const [refused, setRefused] = useState<string | undefined>();

  /** Moves on from the screen shown: a new generation still running is detached, not lost. */
  const show = (next: Screen) => {
    if (screen.name === 'job') screen.job.detach();
    setScreen(next);
  };
  /**
   * Ends the app once the shown task's history writes are on disk (a cancel's last status
   * included); a write that failed is the exit's error when nothing else went wrong.
   */
  const quit = (how: AppExit) => {
    if (screen.name === 'job') screen.job.detach();
    const written = 'recorder' in screen ? screen.recorder.flush() : Promise.resolve();
    written
      .then(
        () => how,
        (error: unknown) =>
          how.code === exitCodes.ok ? { code: exitCodeOf(error), message: describe(error) } : how,
      )
      .then((ended) => {
        props.onExit(ended);
        exit();
      });
  };
  const showForm = () => show({ name: 'form' });
  const showHistory = () => {
    history.list().then(
      (entries) => show({ name: 'history', entries }),
      (error: unknown) => quit({ code: exitCodeOf(error), message: describe(error) }),
    );
  };
  /**
   * The form's submit, once per Enter: reads the image as typed (a URL is image_url, a file is
   * read inline as image), records "create sent", then creates the task (once, here, never in
   * a render or an effect) and shows it.
   */
  const generate = (checked: CreateVideoParams, text: FieldText) => {
    setDraft(text);
    let params = checked;
    try {
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
    TaskRecorder.beforeCreate(history, connection.api, params).then(
      (recorder) => {
        const job = client.videos.job(params, {
          onCreated: recorder.created,
          onProgress: recorder.observe,
          timeout: props.timeoutMs,
        });
        job.start().catch(() => undefined);
        show({ name: 'job', id: recorder.entry.id, job, recorder });
      },
      // Nothing was sent: a task that could not be recorded is never created.
      (error: unknown) => quit({ code: exitCodeOf(error), message: describe(error) }),
    );
  };
  const open = (entry: HistoryEntry) => {
    const file = entry.result?.file;
    if (entry.status === 'completed' && file && existsSync(file)) {
      show({ name: 'saved', entry, file });
      return;
    }
    const recorder = TaskRecorder.forTask(history, connection.api, entry.id, entry);
    show({ name: 'task', id: entry.id, recorder });
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
        <NewJobScreen key={screen.id} {...panel} job={screen.job} recorder={screen.recorder} />
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
