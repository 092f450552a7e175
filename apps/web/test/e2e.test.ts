import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from './browser';

const appDir = fileURLToPath(new URL('..', import.meta.url));
let server: PreviewServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  delete process.env.LEMONDATA_API_KEY;
  process.env.LEMONVIDEO_SIMULATOR_SPEED = '20';
  server = await preview({
    root: appDir,
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  url = server.resolvedUrls?.local[0] as string;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
});

it('generates a video in a real browser through the proxy, survives a reload, and plays it', async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const apiCalls: Array<{ url: string; authorization: string | undefined }> = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/lemonvideo/')) {
      apiCalls.push({ url: request.url(), authorization: request.headers().authorization });
    }
  });
  // The browser does not show a streamed body to the test: the page keeps each create's.
  await page.addInitScript(() => {
    const bodies: string[] = [];
    Object.assign(window, { createBodies: bodies });
    const send = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      if (input instanceof Request && input.url.endsWith('/v1/videos/generations')) {
        bodies.push(await input.clone().text());
      }
      return send(input, init);
    };
  });
  await page.goto(url);
  await expect.poll(() => page.locator('.badge').textContent()).toBe('SIMULATOR');
  await expect.poll(() => page.locator('select[name=model] option').count()).toBeGreaterThan(3);

  // A deprecated model names its replacement.
  await page.locator('select[name=model]').selectOption('seedance-1.0-pro');
  await expect
    .poll(() => page.locator('[data-lifecycle=deprecated]').textContent())
    .toBe('seedance-1.0-pro is deprecated: use seedance-1.5-pro instead.');
  // The choices are the chosen model's, from its details.
  await page.locator('select[name=model]').selectOption('kling-video');
  await expect
    .poll(() => page.locator('select[name=operation] option').allTextContents())
    .toEqual(['default', 'text-to-video', 'image-to-video']);
  await page.locator('select[name=duration]').selectOption('10');
  await expect
    .poll(() => page.locator('select[name=resolution] option').allTextContents())
    .toEqual(['default', '720p', '1080p']);
  // A first frame from disk goes inline, as a data URL.
  await page.locator('input[name=image]').setInputFiles({
    name: 'frame.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  });
  await expect.poll(() => page.locator('input[name=image_url]').isDisabled()).toBe(true);
  await page
    .locator('textarea[name=prompt]')
    .fill('A cat walking through a garden, cinematic lighting');
  await page.getByRole('button', { name: 'Generate' }).click();

  const panel = page.locator('section[aria-label="Video task"]');
  await expect
    .poll(() => panel.getAttribute('data-status'), { timeout: 10_000 })
    .toMatch(/pending|processing/);
  const taskId = await panel.locator('.task-id code').textContent();
  expect(taskId).toMatch(/^ldtask_[0-9a-f]{32}$/);

  const createBodies = await page.evaluate(
    () => (window as unknown as { createBodies: string[] }).createBodies,
  );
  await page.reload();
  await expect
    .poll(() => panel.locator('.task-id code').textContent(), { timeout: 10_000 })
    .toBe(taskId);
  await expect
    .poll(() => page.evaluate(() => document.querySelector('video')?.readyState ?? 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(2);
  expect(await panel.getAttribute('data-status')).toBe('completed');

  await mkdir(`${appDir}/test-results`, { recursive: true });
  await page.screenshot({ path: `${appDir}/test-results/e2e-completed.png`, fullPage: true });

  expect(apiCalls.length).toBeGreaterThan(2);
  expect(apiCalls.every((call) => call.authorization === undefined)).toBe(true);
  expect(apiCalls.filter((call) => call.url.endsWith('/v1/videos/generations'))).toHaveLength(1);
  const [body] = createBodies;
  expect(JSON.parse(body ?? '{}')).toMatchObject({
    model: 'kling-video',
    duration: 10,
    image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==',
  });
}, 60_000);
