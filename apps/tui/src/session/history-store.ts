import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CreateVideoParams, isTerminal, type TaskSnapshot } from '@lemonvideo/core';
import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import { withFileLock } from './file-lock';

/**
 * A task's status as its job shows it, or `creating`: the create was sent and has not
 * answered; the task may exist.
 */
export type HistoryStatus = 'creating' | TaskSnapshot['status'];

/** Which API a task lives on. Never the key. */
export interface HistoryApi {
  /** The base URL's host, e.g. `api.lemondata.cc` or `127.0.0.1:4010`. */
  host: string;
  simulator: boolean;
  /** The simulator ran inside that lemonvideo process, and its tasks ended with it. */
  embedded: boolean;
}

export interface HistoryEntry {
  /** The task id; a local id (`local-…`) while the create has not answered. */
  id: string;
  /** The local id of the create that made the task. */
  localId: string | null;
  status: HistoryStatus;
  /** The create params, when this app created the task. */
  params: CreateVideoParams | null;
  api: HistoryApi;
  result: { videoUrl: string; file: string | null } | null;
  error: { code?: string; message: string } | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

interface HistoryFile {
  version: 1;
  entries: HistoryEntry[];
}

const ended = (status: HistoryStatus) => status !== 'creating' && isTerminal(status);

/** `incoming` laid over what the file already knows, never undoing an ending or a result. */
function merge(known: HistoryEntry, incoming: HistoryEntry): HistoryEntry {
  if (ended(known.status) && !ended(incoming.status)) {
    return { ...known, result: known.result ?? incoming.result };
  }
  return {
    ...incoming,
    localId: incoming.localId ?? known.localId,
    params: incoming.params ?? known.params,
    result:
      incoming.result === null
        ? known.result
        : { ...incoming.result, file: incoming.result.file ?? known.result?.file ?? null },
    createdAt: known.createdAt,
  };
}

/** Where history lives: `LEMONVIDEO_DATA_DIR`, else the user's data directory. */
export function historyPath(env: Env): string {
  const dir = readEnv('LEMONVIDEO_DATA_DIR', env) ?? envPaths('lemonvideo', { suffix: '' }).data;
  return join(dir, 'history.json');
}

/**
 * Every task this app has started or followed, in one JSON file (mode 0600). Each write takes
 * a lock, re-reads the file, merges by id and replaces the file atomically, so two processes
 * never lose each other's entries and a crash never leaves half a file.
 */
export class HistoryStore {
  constructor(readonly file: string) {}

  /** Entries, newest first. */
  list(): HistoryEntry[] {
    return this.#read().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  find(id: string): HistoryEntry | undefined {
    return this.#read().find((entry) => entry.id === id);
  }

  /** Adds or updates `entry` by id; `replaces` names an entry it takes the place of. */
  save(entry: HistoryEntry, replaces?: string): void {
    mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
    withFileLock(this.file, () => {
      const entries = this.#read();
      const known = entries.find((each) => each.id === entry.id || each.id === replaces);
      const next = known ? merge(known, entry) : entry;
      const others = entries.filter((each) => each.id !== entry.id && each.id !== replaces);
      const file: HistoryFile = { version: 1, entries: [...others, next] };
      writeFileAtomic.sync(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
  }

  #read(): HistoryEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let file: Partial<HistoryFile> | null = null;
    try {
      file = JSON.parse(text) as Partial<HistoryFile> | null;
    } catch {}
    if (!Array.isArray(file?.entries)) {
      throw new Error(`${this.file} is not a lemonvideo history file; move it away to start anew.`);
    }
    return file.entries;
  }
}
