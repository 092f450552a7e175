import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TaskState } from '@lemonvideo/core';
import type { Database } from 'node-sqlite3-wasm';
import { lock } from 'proper-lockfile';
import { UsageError } from './errors';
import type { HistoryStatus } from './history-store';

/** What a batch was started with: kept in its journal, so that `batch resume <id>` needs nothing else. */
export interface BatchMeta {
  id: string;
  /** The batch file (its absolute path). */
  file: string;
  /** The API its tasks live on (`apiOf`): the base URL, or the built-in simulator. Never the key. */
  target: string;
  /** The run's settings; a later run takes those it is not given. */
  settings: BatchSettings;
  /** ISO 8601. */
  startedAt: string;
}

/** How a batch runs: its flags. */
export interface BatchSettings {
  /** `--rpm`: requests a minute, every task together. */
  requestsPerMinute: number;
  /** `--concurrency`: most tasks in flight; null for what the budget affords. */
  concurrency: number | null;
  /** `--out-dir`, absolute. */
  outDir: string;
  /** False with `--no-download`. */
  download: boolean;
}

/** One task of a batch, as its journal keeps it. */
export interface JournalEntry {
  /** Its key in the batch (its `TaskState.key`). */
  key: string;
  /** Its line in the batch file. */
  line: number;
  /** The line's own `id`, if it gave one. */
  id: string | null;
  /** The file name the line asked for under `--out-dir`, if any. */
  out: string | null;
  /** The step machine's state: plain JSON. */
  state: TaskState;
  /** Where its video was saved, once it was. */
  file: string | null;
  /** Why saving its video failed, when it did (the last attempt). */
  downloadError: SaveError | null;
  /** The status last written to the history for it, or null before any. */
  recorded: HistoryStatus | null;
}

/** Why a video was not saved: the error's class, its code (e.g. `file_exists`), its sentence. */
export interface SaveError {
  name: string;
  code: string | null;
  message: string;
}

/** A batch's journal: `<data dir>/batches/<id>.sqlite`, beside the history file. */
export function journalPath(historyFile: string, id: string): string {
  return join(dirname(historyFile), 'batches', `${id}.sqlite`);
}

/**
 * A run of a batch that stopped without letting go of its journal (killed, or the machine went
 * down) holds its lock until the lock goes stale: milliseconds. A live run renews it every half
 * of that.
 */
export const staleLockMs = 10_000;

const schema = `
  CREATE TABLE IF NOT EXISTS meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    batch TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tasks (
    key TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    line_id TEXT,
    out TEXT,
    state TEXT NOT NULL,
    file TEXT,
    download_error TEXT,
    recorded TEXT
  );
`;

type Row = Record<string, string | number | null>;

/**
 * The durable record of one batch, in an embedded SQLite database (node-sqlite3-wasm: SQLite
 * compiled to WebAssembly, with file access through Node's `fs`, so nothing is compiled when
 * lemonvideo is installed). Every task's `TaskState` is written before the task takes its next
 * step (the `creating` state before its create is sent), each write a transaction of its own,
 * in WAL mode with `synchronous=FULL`: fsynced before the write returns, so neither a `kill -9`
 * nor a power cut loses a create that was sent.
 *
 * One run at a time: opening takes the journal's lock (proper-lockfile), waiting for the lock of
 * a run that was killed to go stale (`staleLockMs` at most), and fails with `UsageError` while another
 * run holds it. SQLite's own lock is exclusive for as long as the journal is open.
 */
export class BatchJournal {
  readonly path: string;
  readonly #db: Database;
  readonly #unlock: () => Promise<void>;
  #synchronous: 'FULL' | 'NORMAL' = 'FULL';
  /** States to write at the end of this turn, by task; the write that will do it. */
  readonly #pending = new Map<string, TaskState>();
  #writing: Promise<void> | undefined;

  private constructor(path: string, db: Database, unlock: () => Promise<void>) {
    this.path = path;
    this.#db = db;
    this.#unlock = unlock;
  }

  /**
   * Opens (or creates) the journal at `path`. `onWait` is called when another run holds it, before
   * waiting for its lock to go stale (or, with `wait: false`, it fails with `UsageError` at once);
   * `onLost` if the lock is lost while open (then stop: the journal may be another run's).
   */
  static async open(
    path: string,
    {
      onWait,
      onLost,
      wait = true,
    }: { onWait: () => void; onLost: (error: Error) => void; wait?: boolean },
  ): Promise<BatchJournal> {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const options = {
      realpath: false,
      stale: staleLockMs,
      onCompromised: onLost,
      // Not `<path>.lock`: that name is SQLite's own lock in this build (see below).
      lockfilePath: `${path}.run-lock`,
    };
    let unlock: () => Promise<void>;
    try {
      unlock = await lock(path, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (!wait) throw new UsageError(`this batch is running in another lemonvideo process`);
      onWait();
      try {
        unlock = await lock(path, {
          ...options,
          retries: { retries: staleLockMs / 500 + 2, factor: 1, minTimeout: 500, maxTimeout: 500 },
        });
      } catch (again) {
        if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
        throw new UsageError(
          `another lemonvideo process is running this batch (its journal ${path} is locked); wait for it to end, or stop it first`,
        );
      }
    }
    try {
      // SQLite's lock in this build is a directory beside the database, which a killed run
      // leaves behind. Holding the journal's own lock, any such directory is stale.
      rmSync(`${path}.lock`, { recursive: true, force: true });
      const { Database } = load('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
      const db = new Database(path);
      // Exclusive before WAL: the WAL then needs no shared-memory file, which this build lacks.
      db.exec('PRAGMA locking_mode = EXCLUSIVE');
      db.get('PRAGMA journal_mode = WAL');
      db.exec(`PRAGMA synchronous = FULL; ${schema}`);
      return new BatchJournal(path, db, unlock);
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  /** What the batch was started with; null for a journal nothing was written to yet. */
  meta(): BatchMeta | null {
    const row = this.#db.get('SELECT batch FROM meta WHERE id = 1') as Row | null;
    return row === null ? null : (JSON.parse(row.batch as string) as BatchMeta);
  }

  /** Writes a new batch, its meta and every task, in one transaction. */
  begin(meta: BatchMeta, entries: readonly JournalEntry[]): void {
    const db = this.#db;
    this.#transaction(() => {
      db.run('INSERT INTO meta (id, batch) VALUES (1, ?)', JSON.stringify(meta));
      const insert = db.prepare(
        'INSERT INTO tasks (key, line, line_id, out, state) VALUES (?, ?, ?, ?, ?)',
      );
      try {
        for (const entry of entries) {
          insert.run([entry.key, entry.line, entry.id, entry.out, JSON.stringify(entry.state)]);
        }
      } finally {
        insert.finalize();
      }
    });
  }

  /** Every task, in the order of the file. */
  entries(): JournalEntry[] {
    const rows = this.#db.all('SELECT * FROM tasks ORDER BY line') as Row[];
    return rows.map((row) => ({
      key: row.key as string,
      line: row.line as number,
      id: row.line_id as string | null,
      out: row.out as string | null,
      state: JSON.parse(row.state as string) as TaskState,
      file: row.file as string | null,
      downloadError: row.download_error === null ? null : JSON.parse(row.download_error as string),
      recorded: row.recorded as HistoryStatus | null,
    }));
  }

  /**
   * Saves a task's new state; resolves once it is written. States saved in the same turn of the
   * event loop are written together, in one transaction. A `creating` state (a create about to
   * be sent) is fsynced before the promise resolves (`synchronous=FULL`): not even a power cut
   * loses it, so a create is never sent twice. Any other state is written without an fsync of
   * its own (`NORMAL`): a `kill -9` keeps it (the next fsync, or the system, writes it out); a
   * power cut may lose the last of them, and then a poll is sent again, or a task whose create
   * answered is reported as `mayHaveCreatedTask`.
   */
  saveState(state: TaskState): Promise<void> {
    this.#pending.set(state.key, state);
    this.#writing ??= Promise.resolve().then(() => this.#writePending());
    return this.#writing;
  }

  #writePending(): void {
    this.#writing = undefined;
    const states = [...this.#pending.values()];
    this.#pending.clear();
    const synchronous = states.some((state) => state.phase === 'creating') ? 'FULL' : 'NORMAL';
    const db = this.#db;
    if (synchronous !== this.#synchronous) {
      db.exec(`PRAGMA synchronous = ${synchronous}`);
      this.#synchronous = synchronous;
    }
    this.#transaction(() => {
      for (const state of states) {
        db.run('UPDATE tasks SET state = ? WHERE key = ?', [JSON.stringify(state), state.key]);
      }
    });
  }

  #transaction(write: () => void): void {
    this.#db.exec('BEGIN');
    try {
      write();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Saves where a task's video went, or why it could not be saved. */
  saveDownload(key: string, outcome: { file: string } | { error: SaveError }): void {
    const file = 'file' in outcome ? outcome.file : null;
    const error = 'error' in outcome ? JSON.stringify(outcome.error) : null;
    this.#db.run('UPDATE tasks SET file = ?, download_error = ? WHERE key = ?', [file, error, key]);
  }

  /** Notes the status last written to the history for a task. */
  saveRecorded(key: string, status: HistoryStatus): void {
    this.#db.run('UPDATE tasks SET recorded = ? WHERE key = ?', [status, key]);
  }

  /** Writes what is pending, closes the database and lets go of the lock. */
  async close(): Promise<void> {
    await this.#writing?.catch(() => undefined);
    if (this.#db.isOpen) this.#db.close();
    await this.#unlock().catch(() => undefined);
  }
}

/**
 * node-sqlite3-wasm is CommonJS that sets its exports as it runs (so an ES import cannot name
 * them) and reads its `.wasm` from beside itself (so it is not bundled): it is required.
 */
const load = createRequire(import.meta.url);
