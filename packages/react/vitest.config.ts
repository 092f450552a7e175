import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    environmentOptions: {
      happyDOM: { settings: { fetch: { disableSameOriginPolicy: true } } },
    },
    include: ['src/**/*.test.{ts,tsx}'],
    globalSetup: ['./vitest.setup-simulator.ts'],
    env: { EXPECTED_REACT_MAJOR: '19' },
  },
});
