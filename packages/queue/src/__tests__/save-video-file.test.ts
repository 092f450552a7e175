import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadError } from '@lemonvideo/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SavedFileRecord } from '../job-data';
import { outputPath } from '../output-path';
import { type SaveJournal, saveVideoFile } from '../save-video-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lemonvideo-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A journal in memory, as a job's data would keep it across attempts. */
function journal(recorded?: SavedFileRecord): SaveJournal & { records: SavedFileRecord[] } {
  const records: SavedFileRecord[] = [];
  return {
    records,
    get recorded() {
      return records.at(-1) ?? recorded;
    },
    async record(saved) {
      records.push(saved);
    },
  };
}

/** Writes `content` as a download would, counting how often it ran. */
function writer(content: string) {
  const calls = { count: 0 };
  const write = (destination: NodeJS.WritableStream) =>
    new Promise<number>((resolve, reject) => {
      calls.count += 1;
      destination.on('error', reject);
      destination.end(content, () => resolve(content.length));
    });
  return { write, calls };
}

const identity = async (path: string): Promise<SavedFileRecord> => {
  const found = await stat(path, { bigint: true });
  return { path, dev: String(found.dev), ino: String(found.ino) };
};

describe('saveVideoFile', () => {
  it('saves the whole video and leaves no part file', async () => {
    const path = join(dir, 'a', 'video.mp4');
    const { write } = writer('video bytes');
    const kept = journal();
    expect(await saveVideoFile(path, 'tag', write, kept)).toEqual({ path, bytes: 11 });
    expect(await readFile(path, 'utf8')).toBe('video bytes');
    expect(await readdir(join(dir, 'a'))).toEqual(['video.mp4']);
    expect(kept.records).toEqual([await identity(path)]);
  });

  it('after a crash past the link, recognises its own file and downloads nothing again', async () => {
    const path = join(dir, 'video.mp4');
    await writeFile(path, 'video bytes');
    // The crash came before the part name was removed: it is a second link to the same file.
    await link(path, `${path}.tag.part`);
    const { write, calls } = writer('other bytes');
    const result = await saveVideoFile(path, 'tag', write, journal(await identity(path)));
    expect(result).toEqual({ path, bytes: 11 });
    expect(calls.count).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('video bytes');
    expect(await readdir(dir)).toEqual(['video.mp4']);
  });

  it('after a crash before the link, removes the part file and downloads again', async () => {
    const path = join(dir, 'video.mp4');
    await writeFile(`${path}.tag.part`, 'half');
    const { write, calls } = writer('video bytes');
    await saveVideoFile(path, 'tag', write, journal());
    expect(calls.count).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('video bytes');
    expect(await readdir(dir)).toEqual(['video.mp4']);
  });

  it('never replaces a file that is not its own, nor anything that is not a file', async () => {
    const path = join(dir, 'video.mp4');
    await writeFile(path, 'yours');
    const { write, calls } = writer('video bytes');
    const other = { path, dev: '1', ino: '1' };
    await expect(saveVideoFile(path, 'tag', write, journal(other))).rejects.toMatchObject({
      name: 'DownloadError',
      code: 'file_exists',
      path,
    });
    await mkdir(join(dir, 'folder.mp4'));
    await expect(
      saveVideoFile(join(dir, 'folder.mp4'), 'tag', write, journal()),
    ).rejects.toMatchObject({ code: 'not_a_file' });
    expect(calls.count).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('yours');
  });

  it('leaves a file that appeared during the download as it is', async () => {
    const path = join(dir, 'video.mp4');
    const write = async (destination: NodeJS.WritableStream) => {
      await writeFile(path, 'theirs');
      await new Promise<void>((resolve) => destination.end('video bytes', resolve));
      return 11;
    };
    const saving = saveVideoFile(path, 'tag', write, journal());
    await expect(saving).rejects.toBeInstanceOf(DownloadError);
    await expect(saving).rejects.toMatchObject({ code: 'file_exists' });
    expect(await readFile(path, 'utf8')).toBe('theirs');
    expect(await readdir(dir)).toEqual(['video.mp4']);
  });
});

describe('outputPath', () => {
  it('keeps a name inside its directory', () => {
    expect(outputPath('/data/videos', 'clips/a.mp4')).toBe('/data/videos/clips/a.mp4');
    expect(() => outputPath('/data/videos', '../a.mp4')).toThrow(/^out: must not climb out/);
    expect(() => outputPath('/data/videos', '/etc/passwd')).toThrow(/^out: must be relative/);
    expect(() => outputPath('/data/videos', 'C:\\a.mp4')).toThrow(/^out: must be relative/);
  });
});
