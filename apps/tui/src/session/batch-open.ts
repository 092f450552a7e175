import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { queuedTask } from '@lemonvideo/core';
import { apiOf, batchIdOf, isBatchId } from './batch-id';
import { type BatchLine, lineKey } from './batch-input';
import {
  BatchJournal,
  type BatchMeta,
  type BatchSettings,
  type JournalEntry,
  journalPath,
} from './batch-journal';
import type { Connection } from './connection';
import { UsageError } from './errors';

/** The vendor's default request budget, a minute per account (its rate limit guide). */
export const defaultRequestsPerMinute = 1_000;

/** A batch ready to run: its journal (open and locked), what it was started with, and how. */
export interface OpenedBatch {
  journal: BatchJournal;
  meta: BatchMeta;
  /** The settings this run uses: those given, else the journal's, else the defaults. */
  settings: BatchSettings;
  /** An earlier run of it was found: it goes on from where that one stopped. */
  resumed: boolean;
}

/** What a run was given on its command line; undefined where it was not. */
export type GivenSettings = { [K in keyof BatchSettings]?: BatchSettings[K] | undefined };

export interface OpenHooks {
  /** The journal is locked by another run: about to wait for its lock to go stale. */
  onWait: () => void;
  /** The journal's lock was lost while running: stop. */
  onLost: (error: Error) => void;
}

/**
 * A batch's journal read as it stands, without running it (`lemonvideo batch status <id>`):
 * `UsageError` when no such batch is here, or when a run of it holds the journal now.
 */
export async function readBatchById(
  historyFile: string,
  id: string,
): Promise<{ meta: BatchMeta; entries: JournalEntry[] }> {
  const nothing = () => undefined;
  const { journal, meta } = await openJournalById(historyFile, id, {
    onWait: nothing,
    onLost: nothing,
    wait: false,
  });
  try {
    return { meta, entries: journal.entries() };
  } finally {
    await journal.close();
  }
}

/**
 * The journal of the batch `id`, open (its lock taken, as `BatchJournal.open` takes it), with what
 * it was started with: `UsageError` when no such batch is here, or when it never started.
 */
async function openJournalById(
  historyFile: string,
  id: string,
  hooks: Parameters<typeof BatchJournal.open>[1],
): Promise<{ journal: BatchJournal; meta: BatchMeta }> {
  const path = journalPath(historyFile, id);
  if (!isBatchId(id) || !existsSync(path)) {
    throw new UsageError(`no batch ${JSON.stringify(id)} here (its journal would be ${path})`);
  }
  const journal = await BatchJournal.open(path, hooks);
  try {
    const meta = journal.meta();
    if (meta === null) throw new UsageError(`batch ${id} never started (its journal is empty)`);
    return { journal, meta };
  } catch (error) {
    await journal.close();
    throw error;
  }
}

/** A new batch's settings where its command line gives none: `./videos`, the vendor's budget. */
const defaults = (cwd: string): BatchSettings => ({
  requestsPerMinute: defaultRequestsPerMinute,
  concurrency: null,
  outDir: resolve(cwd, 'videos'),
  download: true,
});

const settingsOf = (given: GivenSettings, known: BatchSettings): BatchSettings => ({
  requestsPerMinute: given.requestsPerMinute ?? known.requestsPerMinute,
  concurrency: given.concurrency === undefined ? known.concurrency : given.concurrency,
  outDir: given.outDir ?? known.outDir,
  download: given.download ?? known.download,
});

/**
 * The batch of the file at `file` (its text `content`, its tasks `lines`, all valid) on
 * `connection`: found by its id (`batchIdOf`) and gone on with, or begun, every line a queued
 * task keyed `lineKey(n)`.
 */
export async function openFileBatch(
  historyFile: string,
  connection: Connection,
  { file, content, lines, cwd }: { file: string; content: string; lines: BatchLine[]; cwd: string },
  given: GivenSettings,
  hooks: OpenHooks,
): Promise<OpenedBatch> {
  const id = batchIdOf(content, connection);
  const journal = await BatchJournal.open(journalPath(historyFile, id), hooks);
  try {
    const known = journal.meta();
    if (known !== null) {
      return { journal, meta: known, settings: settingsOf(given, known.settings), resumed: true };
    }
    const settings = settingsOf(given, defaults(cwd));
    const now = connection.client.clock.now();
    const meta: BatchMeta = {
      id,
      file,
      target: apiOf(connection),
      settings,
      startedAt: new Date(now).toISOString(),
    };
    const entries: JournalEntry[] = lines.map((line) => {
      const key = lineKey(line.line);
      return {
        key,
        line: line.line,
        id: line.id,
        out: line.out,
        state: queuedTask(line.params, { key, now }),
        file: null,
        downloadError: null,
        recorded: null,
      };
    });
    journal.begin(meta, entries);
    return { journal, meta, settings, resumed: false };
  } catch (error) {
    await journal.close();
    throw error;
  }
}

/** The batch `id`, from its journal alone (`lemonvideo batch resume <id>`). */
export async function openBatchById(
  historyFile: string,
  connection: Connection,
  id: string,
  given: GivenSettings,
  hooks: OpenHooks,
): Promise<OpenedBatch> {
  const { journal, meta } = await openJournalById(historyFile, id, hooks);
  try {
    if (meta.target !== apiOf(connection)) {
      throw new UsageError(
        `batch ${id} runs on ${meta.target}, not ${apiOf(connection)}: point lemonvideo at it (--base-url, LEMONDATA_BASE_URL)`,
      );
    }
    return { journal, meta, settings: settingsOf(given, meta.settings), resumed: true };
  } catch (error) {
    await journal.close();
    throw error;
  }
}
