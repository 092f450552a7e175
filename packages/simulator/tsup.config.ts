import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // @lemonvideo/shared is never published: its types are bundled in.
    dts: { resolve: ['@lemonvideo/shared'] },
    noExternal: ['@lemonvideo/shared'],
    // import.meta.url finds assets/ from dist/ in the CommonJS build too.
    shims: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
  },
  {
    // The bin: ESM only (it awaits at top level). Its shebang is kept and the file made executable.
    entry: ['src/cli.ts'],
    format: ['esm'],
    noExternal: ['@lemonvideo/shared'],
    sourcemap: true,
    target: 'es2022',
  },
]);
