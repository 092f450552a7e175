import { isSettled, type TaskPhase, type TaskState } from '@lemonvideo/core';
import type { JournalEntry, SaveError } from './batch-journal';
import { type ExitCode, exitCodes } from './exit-codes';

/** What the report needs of a task: a journal's entry, or a queued task's result. */
export interface ReportEntry extends Pick<JournalEntry, 'line' | 'id' | 'file' | 'downloadError'> {
  state: Pick<TaskState, 'phase' | 'taskId' | 'error' | 'creates' | 'polls'>;
}

/** How one task of a batch ended: a line of the report. */
export interface BatchReportLine {
  line: number;
  /** The line's own `id`, or null. */
  id: string | null;
  taskId: string | null;
  /** Its phase: `completed`, `failed`, `cancelled`, `mayHaveCreatedTask`, or (stopped) `queued`, `running`. */
  status: TaskPhase;
  /** Where its video was saved, or null. */
  file: string | null;
  /**
   * Why it gave no video, or why its video was not saved; null when it did. Holds no key: the
   * connection masks it in every answer of the API.
   */
  error: SaveError | null;
  /** It ended without a video (or its video was not saved). */
  failed: boolean;
  /** It has not ended: the run was stopped (or stopped before saving its video). */
  unfinished: boolean;
}

/** A batch's report: a line per task, in the order of the file, the totals, the exit code. */
export interface BatchReport {
  lines: BatchReportLine[];
  completed: number;
  failed: number;
  unfinished: number;
  /** Requests sent for it, in all its runs. */
  requests: number;
  /** 0 every video saved (or every task completed, when not saving); 1 some failed; 130 stopped. */
  exitCode: ExitCode;
}

/** An error (a step's, a queued task's) as a report line keeps it: its class, code and sentence only. */
export const saveErrorOf = ({ name, code, message }: SaveError): SaveError => ({
  name,
  code,
  message,
});

/**
 * How each task of a batch ended, from its journal's entries (or a queued batch's results). `saving`: the run saves videos (a
 * completed task whose video could not be saved counts as failed); `stopped`: the run was stopped
 * (Ctrl-C), so tasks not ended make it exit 130.
 */
export function batchReport(
  entries: readonly ReportEntry[],
  { saving, stopped }: { saving: boolean; stopped: boolean },
): BatchReport {
  const lines = entries.map((entry): BatchReportLine => {
    const { state } = entry;
    const error: SaveError | null =
      state.phase === 'completed' ? entry.downloadError : state.error && saveErrorOf(state.error);
    const unsaved = saving && state.phase === 'completed' && entry.file === null;
    const unfinished = !isSettled(state) || (unsaved && error === null);
    return {
      line: entry.line,
      id: entry.id,
      taskId: state.taskId,
      status: state.phase,
      file: entry.file,
      error,
      failed: !unfinished && (state.phase !== 'completed' || error !== null),
      unfinished,
    };
  });
  const count = (pick: (line: BatchReportLine) => boolean) => lines.filter(pick).length;
  const failed = count((line) => line.failed);
  const unfinished = count((line) => line.unfinished);
  return {
    lines,
    completed: lines.length - failed - unfinished,
    failed,
    unfinished,
    requests: entries.reduce((sum, entry) => sum + entry.state.creates + entry.state.polls, 0),
    exitCode:
      stopped && unfinished > 0
        ? exitCodes.interrupted
        : failed + unfinished > 0
          ? exitCodes.taskFailed
          : exitCodes.ok,
  };
}

const words: Partial<Record<TaskPhase, string>> = {
  mayHaveCreatedTask:
    'may have been created (its create was sent, its answer lost): look for it before creating it again',
  completed: 'video not saved',
};

/** A failed line of the report in a sentence: `line 7 (intro): failed: <why>`. */
export function failureText(line: BatchReportLine): string {
  const where = `line ${line.line}${line.id === null ? '' : ` (${line.id})`}`;
  const what = words[line.status] ?? line.status;
  return `${where}: ${what}${line.error ? `: ${line.error.message}` : ''}`;
}
