import { readFileSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { bundlesShared, libraryBuild } from '../../tsup.preset';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// Cleaned once here rather than with `clean`, which each of the two builds below would run on
// its own while the other one writes.
rmSync('dist', { recursive: true, force: true });

const common: Options = {
  ...libraryBuild,
  ...bundlesShared,
  clean: false,
  entry: ['src/index.ts', 'src/node.ts'],
  define: { __VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  { ...common, format: ['esm'] },
  {
    ...common,
    format: ['cjs'],
    // openapi-fetch's CommonJS build puts its client on `exports.default`, but esbuild compiles
    // the imports of a "type": "module" package as Node would, where the default import of
    // CommonJS is `module.exports`: the CJS build would call the module object. Bundled, it is
    // openapi-fetch's ESM build.
    noExternal: ['openapi-fetch', '@lemonvideo/shared'],
  },
]);
