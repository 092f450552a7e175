import type { VideoModel } from '@lemonvideo/core';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GenerateForm, type GenerateFormProps } from '../screens/GenerateForm';
import { keys, renderAt, widestLine } from './ink-harness';

const model = (id: string, durations: number[], resolutions: string[], aspectRatios: string[]) =>
  ({
    id,
    ownedBy: `${id} inc`,
    category: 'video',
    durations,
    resolutions,
    aspectRatios,
    raw: { id },
  }) as VideoModel;

const models: VideoModel[] = [
  model('kling-video', [5, 10], ['720p', '1080p'], ['16:9', '9:16', '1:1']),
  model('veo3.1', [4, 6, 8], ['720p', '1080p'], ['16:9', '9:16']),
];

function renderForm(props: Partial<GenerateFormProps> = {}, columns = 100) {
  const handlers = { onSubmit: vi.fn(), onHistory: vi.fn(), onQuit: vi.fn() };
  const view = renderAt(
    <GenerateForm
      models={{ status: 'loaded', models, error: null }}
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
  it("offers the chosen model's durations, resolutions and aspect ratios", async () => {
    const form = renderForm();
    await form.sees('‹kling-video› 1/2');
    await form.sees('kling-video inc · 5, 10 s · 720p, 1080p · 16:9, 9:16, 1:1');
    await form.sees(/Duration \(s\)\s+‹5›\s+10/);

    await form.press(keys.down, keys.right);
    await form.sees('‹veo3.1› 2/2');
    await form.sees(/Duration \(s\)\s+‹4›\s+6\s+8/);
    await form.sees(/Aspect ratio\s+‹16:9›\s+9:16\n/);

    await form.press(keys.down, keys.right, keys.right);
    await form.sees(/Duration \(s\)\s+4\s+6\s+‹8›/);
  });

  it('checks each field against the spec as it is typed, next to the field', async () => {
    const form = renderForm();
    await form.press('a cat');
    for (let row = 0; row < 6; row++) await form.press(keys.down);
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
    await form.press(keys.down, keys.enter);
    expect(form.onSubmit).not.toHaveBeenCalled();
    await form.sees(/› Prompt\s+✗ must not be empty/);
  });

  it('hides and shows the advanced fields', async () => {
    const form = renderForm();
    await form.lacks('Negative prompt');
    for (let row = 0; row < 6; row++) await form.press(keys.down);
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
    for (let row = 0; row < 6; row++) await form.press(keys.down);
    await form.press(keys.enter, keys.down, keys.down, keys.down, 'not a number at all');
    await form.sees('must be an integer');
    expect(widestLine(form.frame())).toBeLessThanOrEqual(columns);
  });
});
