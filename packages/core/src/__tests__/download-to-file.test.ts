import { execFileSync } from 'node:child_process';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LemonVideo } from '../client';
import { ConnectionError, DownloadError } from '../errors';
import { downloadToFile, downloadToStream } from '../node';
import { sendThenStall, video, videoServer } from './video-server';

const client = new LemonVideo({ apiKey: 'sk-test' });
const tempDir = () => mkdtemp(join(tmpdir(), 'lemonvideo-download-'));

describe('downloadToFile: what it may replace', () => {
  it('refuses a file already at the path unless overwrite is set, before downloading', async () => {
    const { url, requests } = await videoServer(video(2_000));
    const dir = await tempDir();
    const path = join(dir, 'clip.mp4');
    await writeFile(path, 'keep me');
    const error = await downloadToFile(client, url, path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'file_exists', path });
    expect((error as Error).message).toBe(
      `${path} already exists; pass overwrite: true to replace it.`,
    );
    expect(await readFile(path, 'utf8')).toBe('keep me');
    expect(requests()).toBe(0);
  });

  it('replaces a read-only (0444) file with overwrite, keeping its mode', async () => {
    const { url } = await videoServer(video(2_000));
    const dir = await tempDir();
    const path = join(dir, 'clip.mp4');
    await writeFile(path, 'old');
    await chmod(path, 0o444);
    const saved = await downloadToFile(client, url, path, { overwrite: true });
    expect(saved).toEqual({ path, bytes: 2_000 });
    const stat = await lstat(path);
    expect(stat.size).toBe(2_000);
    expect(stat.mode & 0o777).toBe(0o444);
    expect(await readdir(dir)).toEqual(['clip.mp4']);
  });

  it.each([
    ['a named pipe (a special file, like /dev/null)', (path: string) => mkfifo(path)],
    ['a directory', (path: string) => mkdir(path)],
    ['a symbolic link', (path: string) => symlink('elsewhere.mp4', path)],
  ])('never replaces %s, even with overwrite, and names the path', async (_, make) => {
    const { url, requests } = await videoServer(video(2_000));
    const dir = await tempDir();
    const path = join(dir, 'out.mp4');
    await make(path);
    const before = await lstat(path);
    const error = await downloadToFile(client, url, path, { overwrite: true }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: 'not_a_file', path });
    expect((error as Error).message).toContain(`${path} is not a regular file`);
    const after = await lstat(path);
    expect([after.ino, after.isFile()]).toEqual([before.ino, false]);
    expect(requests()).toBe(0);
  });
});

describe('downloadToFile: a download that fails leaves nothing behind', () => {
  it('removes its .part file when the server stalls', async () => {
    const { url } = await videoServer(
      sendThenStall(1_000, { 'content-type': 'video/mp4', 'content-length': '300000' }),
    );
    const dir = await tempDir();
    const error = await downloadToFile(client, url, join(dir, 'clip.mp4'), {
      idleTimeout: 300,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timeout: true });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its .part file and rejects with the reason when aborted', async () => {
    const { url } = await videoServer(
      sendThenStall(1_000, { 'content-type': 'video/mp4', 'content-length': '300000' }),
    );
    const dir = await tempDir();
    const controller = new AbortController();
    const reason = new Error('Interrupted');
    const error = await downloadToFile(client, url, join(dir, 'clip.mp4'), {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    }).catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves nothing for an HTML page', async () => {
    const { url } = await videoServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Link expired</body></html>');
    });
    const dir = await tempDir();
    const error = await downloadToFile(client, url, join(dir, 'clip.mp4')).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'not_a_video' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('downloadToStream', () => {
  it('writes the video into any writable and says how many bytes', async () => {
    const { url } = await videoServer(video(70_000));
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const written = await downloadToStream(client, url, sink, { end: false });
    expect(written).toEqual({ bytes: 70_000 });
    expect(Buffer.concat(chunks).byteLength).toBe(70_000);
    expect(sink.writableEnded).toBe(false);
  });
});

function mkfifo(path: string): Promise<void> {
  execFileSync('mkfifo', [path]);
  return Promise.resolve();
}
