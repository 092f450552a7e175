import { defineConfig } from 'tsup';

export default defineConfig({
  // The bin only. Its shebang is kept and the file made executable.
  entry: ['src/cli.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // Dependencies, the workspace packages included, load from node_modules at run time.
  skipNodeModulesBundle: true,
  removeNodeProtocol: false,
});
