import type { VideoModel } from '@lemonvideo/core';
import type { UseVideoModelResult } from '@lemonvideo/react';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GenerateForm, type GenerateFormProps } from '../screens/GenerateForm';
import { keys, renderAt, widestLine } from './ink-harness';

/** A model as the list gives it: no durations, resolutions or aspect ratios. */
const listed = (id: string, operations: string[], lifecycle: VideoModel['lifecycle'] = null) =>
  ({
    id,
    ownedBy: `${id} inc`,
    category: 'video',
    operations,
    durations: [],
    resolutions: [],
    aspectRatios: [],
    byOperation: {},
    lifecycle,
    pricing: { currency: 'USD', per_second: '0.10' },
    detailed: false,
    raw: { id },
  }) as unknown as VideoModel;

/** The same model with its details. */
const detailed = (
  model: VideoModel,
  durations: number[],
  resolutions: string[],
  aspectRatios: string[],
  byOperation: VideoModel['byOperation'] = {},
): VideoModel => ({ ...model, durations, resolutions, aspectRatios, byOperation, detailed: true });

const deprecated = {
  stage: 'deprecated',
  replacement: 'seedance-1.5-pro',
  releasedAt: null,
  deprecatedAt: null,
  retiredAt: null,
  sunsetAt: '2027-01-15T00:00:00.000Z',
};
const models: VideoModel[] = [
  listed('kling-video', ['text-to-video', 'image-to-video']),
  listed('veo3.1', ['text-to-video']),
  listed('seedance-1.0-pro', ['text-to-video'], deprecated),
];
const details: Record<string, VideoModel> = {
  'kling-video': detailed(
    models[0] as VideoModel,
    [5, 10],
    ['720p', '1080p'],
    ['16:9', '9:16', '1:1'],
    { 'image-to-video': { durations: [5], resolutions: ['1080p'], aspectRatios: ['16:9'] } },
  ),
  'veo3.1': detailed(models[1] as VideoModel, [4, 6, 8], ['720p', '1080p'], ['16:9', '9:16']),
  'seedance-1.0-pro': detailed(models[2] as VideoModel, [5, 10], ['720p'], ['16:9']),
};
/** `useVideoModel`, answering from `details` at once. */
const useModel = (id: string | undefined): UseVideoModelResult => {
  const model = id === undefined ? undefined : details[id];
  return model
    ? { status: 'loaded', model, error: null }
    : { status: 'idle', model: null, error: null };
};

function renderForm(props: Partial<GenerateFormProps> = {}, columns = 100) {
  const handlers = { onSubmit: vi.fn(), onHistory: vi.fn(), onQuit: vi.fn() };
  const view = renderAt(
    <GenerateForm
      models={{ status: 'loaded', models, error: null }}
      useModel={useModel}
      initial={{}}
      describe={(error) => String(error)}
      {...handlers}
      {...props}
    />,
    columns,
  );
  return { ...view, ...handlers };
}

afterEach(cleanup);

describe('GenerateForm', () => {
  it("offers the chosen model's operations, durations, resolutions and aspect ratios", async () => {
    const form = renderForm();
    await form.sees('‹kling-video› 1/3');
    await form.sees('kling-video inc · $0.10 a second');
    await form.sees(/Operation\s+‹auto›\s+text-to-video\s+image-to-video/);
    await form.sees(/Duration \(s\)\s+‹5›\s+10/);

    await form.press(keys.down, keys.right);
    await form.sees('‹veo3.1› 2/3');
    await form.sees(/Duration \(s\)\s+‹4›\s+6\s+8/);
    await form.sees(/Aspect ratio\s+‹16:9›\s+9:16\n/);

    await form.press(keys.down, keys.down, keys.right, keys.right);
    await form.sees(/Duration \(s\)\s+4\s+6\s+‹8›/);
  });

  it("narrows the choices to the operation's own, and names a deprecated model's replacement", async () => {
    const form = renderForm();
    await form.sees(/Resolution\s+‹720p›\s+1080p/);
    await form.press(keys.down, keys.down, keys.right, keys.right);
    await form.sees(/Operation\s+auto\s+text-to-video\s+‹image-to-video›/);
    await form.sees(/Duration \(s\)\s+‹5›\n/);
    await form.sees(/Resolution\s+‹1080p›\n/);
    await form.press(keys.up, keys.right, keys.right);
    await form.sees('‹seedance-1.0-pro› 3/3');
    await form.sees(/⚠ deprecated: use seedance-1\.5-pro,\s+stops 2027-01-15/);
  });

  it('takes an image as a URL or a file path, and shows why a submit was refused', async () => {
    const form = renderForm({ error: 'Image: there is no file cat.png' });
    await form.sees('there is no file cat.png');
    await form.press('a cat', ...Array(6).fill(keys.down), 'cat.png', keys.enter);
    await form.sees('a URL, or an image file (sent inline)');
    expect(form.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: 'a cat', image: 'cat.png' }),
      expect.objectContaining({ image: 'cat.png' }),
    );
  });

  it('checks each field against the spec as it is typed, next to the field', async () => {
    const form = renderForm();
    await form.press('a cat');
    for (let row = 0; row < 7; row++) await form.press(keys.down);
    await form.press(keys.enter); // opens the advanced fields
    await form.sees('FPS');
    await form.press(keys.down, keys.down, keys.down, ...'12abc');
    await form.sees(/FPS\s+12abc\s+✗ must be an integer \(got "12abc"\)/);

    await form.press(...Array(5).fill(keys.backspace), '500');
    await form.sees(/FPS\s+500\s+✗ must be between 1 and 120 \(got 500\)/);

    await form.press(...Array(3).fill(keys.backspace), '24', keys.down, '.5');
    await form.lacks('✗');
    await form.press(keys.enter);
    expect(form.onSubmit).toHaveBeenCalledWith(
      {
        prompt: 'a cat',
        model: 'kling-video',
        duration: 5,
        aspect_ratio: '16:9',
        resolution: '720p',
        fps: 24,
        cfg_scale: 0.5,
      },
      expect.objectContaining({ prompt: 'a cat', fps: '24', cfg_scale: '.5' }),
    );
  });

  it('takes text and Enter that arrive together, as when typed faster than read', async () => {
    const form = renderForm();
    await form.sees('‹kling-video›');
    await form.press('a cat\r');
    expect(form.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ prompt: 'a cat', model: 'kling-video' }),
      expect.anything(),
    );
  });

  it('submits nothing invalid: Enter shows every issue and focuses the first', async () => {
    const form = renderForm();
    for (let row = 0; row < 7; row++) await form.press(keys.down);
    await form.press(keys.enter, keys.down, keys.down, keys.down, '12abc', keys.up, keys.up);
    await form.press(keys.enter);
    expect(form.onSubmit).not.toHaveBeenCalled();
    await form.sees(/› FPS\s+12abc\s+✗ must be an integer/);
  });

  it('hides and shows the advanced fields', async () => {
    const form = renderForm();
    await form.lacks('Negative prompt');
    for (let row = 0; row < 7; row++) await form.press(keys.down);
    await form.press(keys.enter);
    await form.sees('▾ Advanced');
    await form.sees('Negative prompt');
    await form.sees('Motion strength');
    await form.press(' ');
    await form.lacks('Negative prompt');
  });

  it('shows its keys; ctrl+r opens the history, esc and ctrl+c quit', async () => {
    const form = renderForm();
    await form.sees(/↑↓ field\s+←→ choose\s+enter generate\s+ctrl\+r history\s+esc quit/);
    await form.press(keys.ctrlR);
    expect(form.onHistory).toHaveBeenCalledOnce();
    await form.press(keys.ctrlC);
    await form.press(keys.escape);
    expect(form.onQuit).toHaveBeenCalledTimes(2);
  });

  it('lets the model be typed when the models cannot be listed', async () => {
    const form = renderForm({ models: { status: 'failed', models: [], error: 'HTTP 401' } });
    await form.sees('Could not list the models: HTTP 401');
    await form.press(keys.down, 'veo3.1');
    await form.sees(/Model\s+veo3\.1/);
  });

  it.each([80, 60])('fits in %i columns', async (columns) => {
    const form = renderForm({}, columns);
    await form.press(
      'a very long prompt that goes on and on about a lighthouse at dusk with waves',
    );
    for (let row = 0; row < 7; row++) await form.press(keys.down);
    await form.press(keys.enter, keys.down, keys.down, keys.down, 'not a number at all');
    await form.sees('must be an integer');
    expect(widestLine(form.frame())).toBeLessThanOrEqual(columns);
  });
});
