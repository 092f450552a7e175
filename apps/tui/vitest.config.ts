import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // The tests that spawn dist/cli.js and drive tmux wait on real processes.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
