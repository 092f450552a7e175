import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
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
    sourcemap: true,
    target: 'es2022',
  },
]);
