import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, historyPath } from '../history-store';
import { historyEntry as entry } from './history-entry';

let dir: string;
let store: HistoryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-history-'));
  store = new HistoryStore(join(dir, 'nested', 'history.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('HistoryStore', () => {
  it('lives in LEMONVIDEO_DATA_DIR when set', () => {
    expect(historyPath({ LEMONVIDEO_DATA_DIR: dir })).toBe(join(dir, 'history.json'));
  });

  it('is empty before the first write, then writes a file only its owner can read', async () => {
    expect(await store.list()).toEqual([]);
    await store.save(entry({}));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('replaces the "create sent" entry with the task', async () => {
    await store.save(entry({ id: 'local-1', localId: 'local-1', status: 'creating' }));
    await store.save(entry({ id: 'task_1', localId: 'local-1', status: 'pending' }), 'local-1');
    expect((await store.list()).map((each) => [each.id, each.status])).toEqual([
      ['task_1', 'pending'],
    ]);
  });

  it('merges by id with what another process wrote in between', async () => {
    const other = new HistoryStore(store.file);
    await store.save(entry({ id: 'task_1' }));
    await other.save(entry({ id: 'task_2', createdAt: '2026-01-02T00:00:00.000Z' }));
    await store.save(entry({ id: 'task_1', status: 'processing' }));
    expect((await store.list()).map((each) => [each.id, each.status])).toEqual([
      ['task_2', 'pending'],
      ['task_1', 'processing'],
    ]);
  });

  it('never undoes an ending, a result or the saved file', async () => {
    await store.save(
      entry({
        status: 'completed',
        result: { videoUrl: 'https://v/1.mp4', file: '/videos/1.mp4' },
      }),
    );
    await store.save(entry({ status: 'processing' }));
    await store.save(
      entry({ status: 'completed', result: { videoUrl: 'https://v/1.mp4', file: null } }),
    );
    expect(await store.find('task_1')).toMatchObject({
      status: 'completed',
      result: { videoUrl: 'https://v/1.mp4', file: '/videos/1.mp4' },
    });
  });

  it('refuses to overwrite a file that is not its own', async () => {
    await store.save(entry({}));
    writeFileSync(store.file, '{"not": "history"}');
    await expect(store.save(entry({}))).rejects.toThrow(/not a lemonvideo history file/);
    expect(readFileSync(store.file, 'utf8')).toBe('{"not": "history"}');
  });
});
