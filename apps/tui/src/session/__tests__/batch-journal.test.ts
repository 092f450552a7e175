import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareCreate, queuedTask } from '@lemonvideo/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchJournal, type BatchMeta, type JournalEntry, journalPath } from '../batch-journal';

let dir: string;
let path: string;
const hooks = () => ({ onWait: vi.fn(), onLost: vi.fn() });
const meta: BatchMeta = {
  id: 'b0123456789ab',
  file: '/tmp/tasks.jsonl',
  target: 'https://api.example',
  settings: { requestsPerMinute: 1000, concurrency: null, outDir: '/tmp/videos', download: true },
  startedAt: '2026-01-01T00:00:00.000Z',
};
const entry = (line: number): JournalEntry => ({
  key: `line ${line}`,
  line,
  id: null,
  out: null,
  state: queuedTask({ prompt: `a cat ${line}` }, { key: `line ${line}`, now: 0 }),
  file: null,
  downloadError: null,
  recorded: null,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-journal-'));
  path = journalPath(join(dir, 'history.json'), meta.id);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('BatchJournal', () => {
  it('lives beside the history, and keeps the batch and every task state across opens', async () => {
    expect(path).toBe(join(dir, 'batches', `${meta.id}.sqlite`));
    const journal = await BatchJournal.open(path, hooks());
    expect(journal.meta()).toBeNull();
    journal.begin(meta, [entry(1), entry(2)]);
    const creating = prepareCreate((journal.entries()[0] as JournalEntry).state, 5);
    // Two states in one turn: one write.
    const [first, second] = [
      journal.saveState(creating),
      journal.saveState({ ...creating, key: 'line 2' }),
    ];
    expect(first).toBe(second);
    await first;
    journal.saveDownload('line 1', {
      error: { name: 'DownloadError', code: 'file_exists', message: 'There.' },
    });
    journal.saveRecorded('line 2', 'creating');
    await journal.close();

    const again = await BatchJournal.open(path, hooks());
    expect(again.meta()).toEqual(meta);
    expect(again.entries()).toEqual([
      {
        ...entry(1),
        state: creating,
        downloadError: { name: 'DownloadError', code: 'file_exists', message: 'There.' },
      },
      { ...entry(2), state: { ...creating, key: 'line 2' }, recorded: 'creating' },
    ]);
    await again.close();
  });

  it('lets one run at a time have it: a second waits until the first lets go', async () => {
    const first = await BatchJournal.open(path, hooks());
    const waiting = hooks();
    const second = BatchJournal.open(path, waiting);
    await vi.waitFor(() => expect(waiting.onWait).toHaveBeenCalledOnce());
    await first.close();
    const opened = await second;
    expect(opened.meta()).toBeNull();
    await opened.close();
  });

  it("opens after a run was killed holding SQLite's own lock", async () => {
    const journal = await BatchJournal.open(path, hooks());
    journal.begin(meta, [entry(1)]);
    await journal.close();
    // What a kill -9 leaves behind: SQLite's lock directory (in this build).
    mkdirSync(`${path}.lock`);
    const reopened = await BatchJournal.open(path, hooks());
    expect(reopened.entries()).toHaveLength(1);
    await reopened.close();
  });
});
