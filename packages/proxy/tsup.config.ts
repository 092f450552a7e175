import { defineConfig } from 'tsup';
import { bundlesShared, libraryBuild } from '../../tsup.preset';

export default defineConfig({
  ...libraryBuild,
  ...bundlesShared,
  entry: ['src/index.ts', 'src/node.ts'],
});
