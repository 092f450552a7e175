import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { expect, vi } from 'vitest';

/** What a terminal sends for each key. */
export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: it matches the escape character.
const ansi = /\u001B\[[0-9;]*m/g;

/** Lets Ink read the last key and React render what it did. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Renders `tree` as ink-testing-library does, on a terminal `columns` wide. `frame()` is the
 * last frame without colour codes; `press` types keys one at a time, as a person would.
 */
export function renderAt(tree: ReactElement, columns = 100) {
  const rendered = render(tree);
  Object.defineProperty(rendered.stdout, 'columns', { value: columns, configurable: true });
  // The app follows 'resize'; Ink itself ignores it when CI is set, so render again to lay
  // the tree out at the new width either way.
  rendered.stdout.emit('resize');
  rendered.rerender(tree);
  // Ink listens to stdin from the first effect that asks for input, just after the render.
  const listening = vi.waitFor(() => {
    if (rendered.stdin.listenerCount('readable') === 0) throw new Error('Ink is not reading keys');
  });
  // Only `press` needs it: a view that reads no keys must not fail the run when it never does.
  listening.catch(() => undefined);
  const frame = () => (rendered.lastFrame() ?? '').replace(ansi, '');
  return {
    ...rendered,
    frame,
    /** Waits until the screen shows `pattern` (React renders when it gets to it). */
    async sees(pattern: RegExp | string) {
      await vi.waitFor(() => expect(frame()).toMatch(pattern));
    },
    /** Waits until the screen no longer shows `text`. */
    async lacks(text: string) {
      await vi.waitFor(() => expect(frame()).not.toContain(text));
    },
    async press(...sequence: string[]) {
      await listening;
      for (const key of sequence) {
        rendered.stdin.write(key);
        await settle();
      }
    },
  };
}

/** Every line of `frame` fits in `columns` (no character wider than one cell is used). */
export function widestLine(frame: string): number {
  return Math.max(...frame.split('\n').map((line) => [...line].length));
}
