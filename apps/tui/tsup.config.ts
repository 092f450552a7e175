import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The bin. Its shebang is kept and the file made executable.
    entry: ['src/cli.ts'],
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    clean: true,
    sourcemap: true,
    // Dependencies are bundled, but core (the exported types name it too), the simulator (it
    // serves its clip from its own assets), the queue (BullMQ reads its Lua scripts from its own
    // files; loaded only by the commands on Redis) and Ink's optional devtools: one file parses faster
    // than hundreds of small modules resolve, so the first frame comes sooner. CommonJS
    // dependencies get `require`, `__filename` and `__dirname`.
    noExternal: [/^(?!react-devtools-core|@lemonvideo\/(core|simulator|queue)(\/|$))/],
    external: ['react-devtools-core'],
    shims: true,
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    removeNodeProtocol: false,
  },
  {
    // What scripts import: exit codes and the `--json` types.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    target: 'es2022',
    sourcemap: true,
    dts: true,
  },
]);
