import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.preset';

export default defineConfig({
  ...libraryBuild,
  entry: ['src/index.ts'],
  external: ['react', '@lemonvideo/core'],
});
