import { describe, expect, it } from 'vitest';
import { maskingFetch } from '../masking-fetch';

const key = 'sk-test-mask-0123456789wxyz';
const answer =
  (body: string, contentType: string): typeof globalThis.fetch =>
  async () =>
    new Response(body, { status: 400, headers: { 'content-type': contentType } });

describe('maskingFetch', () => {
  it('masks the key in every string of a JSON answer, however it is escaped', async () => {
    const escaped = `\\u0073k-test-mask-0123456789wxyz`;
    const body = `{"error":{"code":"${key}","message":"Incorrect API key provided: ${escaped}.","${key}":1}}`;
    const response = await maskingFetch(key, answer(body, 'application/json'))('http://x');
    const text = await response.text();
    expect(text).not.toContain('0123456789wxyz');
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'sk-…wxyz',
        message: 'Incorrect API key provided: sk-…wxyz.',
        'sk-…wxyz': 1,
      },
    });
    expect(response.status).toBe(400);
  });

  it('masks the key in a text or unreadable JSON answer', async () => {
    for (const type of ['text/html', 'application/json']) {
      const response = await maskingFetch(key, answer(`<p>${key}`, type))('http://x');
      expect(await response.text()).toBe('<p>sk-…wxyz');
    }
  });

  it('passes a video, and an answer without the key, untouched', async () => {
    const video = new Response('bytes', { headers: { 'content-type': 'video/mp4' } });
    expect(await maskingFetch(key, async () => video)('http://x')).toBe(video);
    const plain = new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    expect(await maskingFetch(key, async () => plain)('http://x')).toBe(plain);
  });
});
