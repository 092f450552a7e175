import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors';
import { assertBodyFits, imageFields, readImageInput } from '../image-input';

const dir = mkdtempSync(join(tmpdir(), 'lemonvideo-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** The 8 bytes every PNG starts with, and a little more. */
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
writeFileSync(join(dir, 'frame.png'), png);
writeFileSync(join(dir, 'notes.txt'), 'not an image');
mkdirSync(join(dir, 'folder'));

describe('an image given as text', () => {
  it('keeps a URL, a data URL and an asset URI as typed', () => {
    for (const url of [
      'https://a.test/cat.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'asset://asset-1',
    ]) {
      expect(readImageInput(url, '--image', dir)).toEqual({ kind: 'url', value: url });
    }
    expect(imageFields('https://a.test/cat.png', '--image', dir)).toEqual({
      image_url: 'https://a.test/cat.png',
    });
  });

  it('reads a local image file, relative to the working directory, as a data URL in image', () => {
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    expect(readImageInput('frame.png', '--image', dir)).toEqual({ kind: 'file', value: dataUrl });
    expect(imageFields(join(dir, 'frame.png'), '--image', '/')).toEqual({ image: dataUrl });
  });

  it.each([
    ['missing.png', '--end-image: there is no file missing.png (give a URL or an image file)'],
    ['notes.txt', '--end-image: notes.txt is not an image (PNG, JPEG, GIF, WebP or BMP)'],
    ['folder', '--end-image: folder is not a file'],
  ])('refuses %s, naming the flag', (path, message) => {
    expect(() => readImageInput(path, '--end-image', dir)).toThrow(UsageError);
    expect(() => readImageInput(path, '--end-image', dir)).toThrow(message);
  });

  it('refuses a file over 30 MiB before reading it', () => {
    const big = join(dir, 'big.png');
    writeFileSync(big, png);
    truncateSync(big, 31 * 1024 * 1024);
    expect(() => readImageInput(big, '--image', '/')).toThrow(
      /^--image: .*big\.png is 31 MB, over the 30 MB an image may be; give its URL instead$/,
    );
  });

  it('refuses a body over what the simulator reads, only on the simulator', () => {
    const body = { prompt: 'x', image: `data:image/png;base64,${'A'.repeat(1024 * 1024)}` };
    expect(() => assertBodyFits(body, true, ['--image'])).toThrow(
      /^--image: with the image inline the request is 1\.0 MB, over the 1\.0 MB the simulator accepts; use a smaller file or a URL$/,
    );
    expect(() => assertBodyFits(body, false, ['--image'])).not.toThrow();
    expect(() => assertBodyFits({ prompt: 'x' }, true, [])).not.toThrow();
  });
});
