import { createWriteStream } from 'node:fs';
import { link, lstat, mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DownloadError } from '@lemonvideo/core';
import type { SavedFileRecord } from './job-data';

/** Where a download job keeps what its attempts must know of each other. */
export interface SaveJournal {
  /** What an earlier attempt recorded just before linking its file into place, if any. */
  recorded: SavedFileRecord | undefined;
  /** Saves the record where the next attempt will read it (awaited before the link). */
  record(saved: SavedFileRecord): Promise<void>;
}

const identityOf = async (path: string) => {
  const found = await lstat(path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return (
    found && {
      file: found.isFile(),
      dev: String(found.dev),
      ino: String(found.ino),
      size: Number(found.size),
    }
  );
};

/**
 * Saves a video at `path`, never replacing anything there, in a way any number of attempts of one
 * job (after crashes) agree on:
 *
 * 1. if an earlier attempt recorded the file now at `path` (the same device and inode), it is
 *    done: nothing is downloaded again;
 * 2. anything else at `path` fails with `DownloadError` (`file_exists`, or `not_a_file` for a
 *    directory, link or device) before any byte is downloaded;
 * 3. the bytes go to `<path>.<tag>.part` (`write` pipes the video into the stream it is given and
 *    resolves with the bytes written); the part file's identity is recorded in `journal`; it is
 *    then hard-linked to `path` (which fails, atomically, if a file appeared there meanwhile) and
 *    the part name removed.
 *
 * So a crash leaves either no file at `path` (and maybe a `.part` file the next attempt removes),
 * or the whole video, which the next attempt recognises as its own. `tag` names this job's part
 * file (the same for each of its attempts).
 */
export async function saveVideoFile(
  path: string,
  tag: string,
  write: (destination: NodeJS.WritableStream) => Promise<number>,
  journal: SaveJournal,
): Promise<{ path: string; bytes: number }> {
  const part = `${path}.${tag}.part`;
  const existing = await identityOf(path);
  const { recorded } = journal;
  if (existing !== undefined) {
    if (existing.file && recorded?.dev === existing.dev && recorded.ino === existing.ino) {
      await rm(part, { force: true });
      return { path, bytes: existing.size };
    }
    throw existing.file
      ? new DownloadError(
          'file_exists',
          `${path} already exists; a download never replaces a file.`,
          path,
        )
      : new DownloadError(
          'not_a_file',
          `${path} is not a regular file (a directory, device or link); a download never replaces it.`,
          path,
        );
  }
  await mkdir(dirname(path), { recursive: true });
  // Removing a name never changes another link to the same file: a part file left by a crash
  // after its link is safe to remove.
  await rm(part, { force: true });
  try {
    const bytes = await write(createWriteStream(part, { flags: 'wx', mode: 0o644 }));
    const written = await identityOf(part);
    if (written === undefined) throw new Error(`${part} vanished while the video was written.`);
    await journal.record({ path, dev: written.dev, ino: written.ino });
    await link(part, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      throw new DownloadError(
        'file_exists',
        `${path} appeared during the download; it was left as it is.`,
        path,
      );
    });
    return { path, bytes };
  } finally {
    await rm(part, { force: true });
  }
}
