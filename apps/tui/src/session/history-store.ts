import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type CreateVideoParams,
  type ErrorKind,
  isTerminal,
  type TaskSnapshot,
} from '@lemonvideo/core';
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
  /** Whether it is a simulator (the built-in one, or one on this machine), not the real API. */
  simulator: boolean;
  /** The simulator ran inside that lemonvideo process, and its tasks ended with it. */
  embedded: boolean;
}

/** One task of the history file (`lemonvideo history --json` prints them): no key, ever. */
export interface HistoryEntry {
  /** The task id; a local id (`local-…`) while the create has not answered. */
  id: string;
  /** The local id of the create that made the task. */
  localId: string | null;
  /** As last seen; `creating` while the create has not answered. */
  status: HistoryStatus;
  /** The create params, when this app created the task (an inline image by type and size only). */
  params: CreateVideoParams | null;
  /** Where the task lives. */
  api: HistoryApi;
  /** Once completed: the video's URL and the file it was saved to (null: not saved). */
  result: { videoUrl: string; file: string | null } | null;
  /** Why it failed, as the API said it (the key masked). */
  error: { code?: string; message: string } | null;
  /** When the entry was made, ISO 8601. */
  createdAt: string;
  /** When it last changed, ISO 8601. */
  updatedAt: string;
}

interface HistoryFile {
  version: 1;
  /** Entries this version cannot read are kept as they are, never dropped. */
  entries: unknown[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const orNull = (value: unknown, check: (value: unknown) => boolean) =>
  value === null || check(value);

/**
 * Whether `value` is an entry this version can show and update: every field it reads, of its
 * type. Written by hand, not with a schema library: one shape, read on every command's path.
 */
function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (!isObject(value)) return false;
  const { api, result, error } = value;
  return (
    isString(value.id) &&
    orNull(value.localId, isString) &&
    isString(value.status) &&
    orNull(value.params, isObject) &&
    isObject(api) &&
    isString(api.host) &&
    typeof api.simulator === 'boolean' &&
    typeof api.embedded === 'boolean' &&
    orNull(result, (it) => isObject(it) && isString(it.videoUrl) && orNull(it.file, isString)) &&
    orNull(
      error,
      (it) => isObject(it) && isString(it.message) && (it.code === undefined || isString(it.code)),
    ) &&
    isString(value.createdAt) &&
    isString(value.updatedAt)
  );
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

/** The history file cannot be read or written as it is; nothing was changed. */
export class HistoryFileError extends Error {
  override name = 'HistoryFileError';
  /** Bad usage of the data directory, not a fault of the API (exit code 2). */
  readonly kind: ErrorKind = 'input';
}

export interface HistoryStoreOptions {
  /**
   * Told once per process, in one sentence, how many entries of the file cannot be read and
   * are skipped (they stay in the file). Default: none.
   */
  onWarning?: ((message: string) => void) | undefined;
}

/**
 * Every task this app has started or followed, in one JSON file (mode 0600). Each write takes
 * a lock (proper-lockfile), re-reads the file, merges by id and replaces the file atomically
 * (write-file-atomic), so processes never lose each other's entries and a crash never leaves
 * half a file. Entries it cannot read are skipped, with one warning, and kept in the file. A
 * history file that is a symbolic link (or anything but a regular file) is refused, never
 * followed: `HistoryFileError`.
 */
export class HistoryStore {
  readonly file: string;
  readonly #onWarning: ((message: string) => void) | undefined;
  #warned = false;
  /** Saves not yet on disk, so that `settled` can wait for them. */
  readonly #pending = new Set<Promise<void>>();

  constructor(file: string, options: HistoryStoreOptions = {}) {
    this.file = file;
    this.#onWarning = options.onWarning;
  }

  /** Entries, newest first. */
  async list(): Promise<HistoryEntry[]> {
    const { entries } = await this.#read();
    return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async find(id: string): Promise<HistoryEntry | undefined> {
    const { entries } = await this.#read();
    return entries.find((entry) => entry.id === id);
  }

  /** Adds or updates `entry` by id; `replaces` names an entry it takes the place of. */
  save(entry: HistoryEntry, replaces?: string): Promise<void> {
    const saving = this.#save(entry, replaces);
    const tracked = saving.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    return saving;
  }

  /** Resolves once every save started so far has ended (each one rejects on its own). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  async #save(entry: HistoryEntry, replaces: string | undefined): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await withFileLock(this.file, async () => {
      const { entries, unreadable } = await this.#read();
      const known = entries.find((each) => each.id === entry.id || each.id === replaces);
      const next = known ? merge(known, entry) : entry;
      const others = entries.filter((each) => each.id !== entry.id && each.id !== replaces);
      const file: HistoryFile = { version: 1, entries: [...unreadable, ...others, next] };
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
  }

  async #read(): Promise<{ entries: HistoryEntry[]; unreadable: unknown[] }> {
    let text: string;
    try {
      const found = await lstat(this.file);
      if (!found.isFile()) {
        const what = found.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
        throw new HistoryFileError(
          `${this.file} is ${what}; lemonvideo keeps its history only in a regular file of its own. Move it away, or set LEMONVIDEO_DATA_DIR.`,
        );
      }
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { entries: [], unreadable: [] };
      throw error;
    }
    let file: Partial<HistoryFile> | null = null;
    try {
      file = JSON.parse(text) as Partial<HistoryFile> | null;
    } catch {}
    if (!Array.isArray(file?.entries)) {
      throw new HistoryFileError(
        `${this.file} is not a lemonvideo history file; move it away to start anew.`,
      );
    }
    const entries = file.entries.filter(isHistoryEntry);
    const unreadable = file.entries.filter((entry) => !isHistoryEntry(entry));
    if (unreadable.length > 0 && !this.#warned) {
      this.#warned = true;
      const count = unreadable.length === 1 ? '1 entry' : `${unreadable.length} entries`;
      this.#onWarning?.(
        `Skipped ${count} of ${this.file} that this version cannot read (kept in the file).`,
      );
    }
    return { entries, unreadable };
  }
}
