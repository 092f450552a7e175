import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'fast',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.stress.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'stress',
          include: ['src/**/*.stress.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
