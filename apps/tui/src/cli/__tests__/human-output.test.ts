import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyEntry } from '../../session/__tests__/history-entry';
import { main } from '../program';

const apiKey = 'sk-test-human-0123456789wxyz';
let simulator: Simulator;
let dir: string;

beforeAll(async () => {
  simulator = await startSimulator({ speed: 200, apiKey, seed: 71 });
  dir = mkdtempSync(join(tmpdir(), 'lemonvideo-human-'));
});
afterAll(async () => {
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a command as at a terminal (colour on): resolves with its exit code and what it wrote. */
async function atTerminal(argv: string[]) {
  let text = '';
  const stream = { isTTY: true, columns: 100, write: (chunk: string) => (text += chunk) };
  const code = await main({
    argv,
    env: { LEMONVIDEO_DATA_DIR: dir, LEMONDATA_API_KEY: apiKey, LEMONDATA_BASE_URL: simulator.url },
    cwd: dir,
    stdin: stream as unknown as NodeJS.ReadStream,
    stdout: stream as unknown as NodeJS.WriteStream,
    stderr: stream as unknown as NodeJS.WriteStream,
  });
  return { code, text };
}

/** `text` without the colours lemonvideo itself paints, and without the progress line's redraws. */
const withoutOwnCodes = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it removes the app's own codes.
  text.replace(/\u001B\[(1|2|22|31|32|33|36|39)m|\r\u001B\[2K/g, '');

it('prints nothing from the API that drives the terminal, in any line for a person', async () => {
  const generated = await atTerminal(['generate', '[escape-codes] a cat']);
  expect(generated.code).toBe(1);
  const { entries } = JSON.parse(readFileSync(join(dir, 'history.json'), 'utf8')) as {
    entries: { id: string }[];
  };
  const status = await atTerminal(['status', entries[0]?.id as string]);
  expect(status.code).toBe(0);
  for (const { text } of [generated, status]) {
    expect(text).toMatch(/failed|Rejected/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it looks for control characters.
    expect(withoutOwnCodes(text)).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(text).not.toMatch(/PWNED|cHduZWQ=/);
  }
  expect(status.text).toContain('Rejected by policy EVIL');
});

it('lists each history entry on one line, whatever its prompt holds', async () => {
  const entry = (id: string, prompt: string) =>
    historyEntry({
      id,
      status: 'completed',
      params: { prompt },
      api: { host: '127.0.0.1:4010', simulator: false, embedded: false },
      result: { videoUrl: `https://v.example/${id}.mp4`, file: null },
      createdAt: `2026-01-0${id.slice(-1)}T00:00:00.000Z`,
    });
  writeFileSync(
    join(dir, 'history.json'),
    JSON.stringify({
      version: 1,
      entries: [
        entry('task_1', 'a cat\nwalking\r\nhome'),
        entry('task_2', 'line one\n\n\nline two \u001B]0;PWNED\u0007'),
        entry('task_3', 'plain'),
      ],
    }),
  );
  const { code, text } = await atTerminal(['history']);
  expect(code).toBe(0);
  const lines = withoutOwnCodes(text).trimEnd().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain('line one line two');
  expect(lines[2]).toContain('a cat walking home');
  expect(text).not.toContain('PWNED');
});
