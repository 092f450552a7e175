import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  // @lemonvideo/shared is never published: its code and its types are bundled in.
  dts: { resolve: ['@lemonvideo/shared'] },
  noExternal: ['@lemonvideo/shared'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
