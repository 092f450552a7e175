/**
 * What the build of every published package shares, for its `tsup.config.ts` to spread:
 * ESM and CommonJS with their type declarations and source maps, for ES2022, `dist/` cleaned
 * first. tsup is not imported here (it does not resolve from the root); each config's
 * `defineConfig` checks these options.
 */
export const libraryBuild = {
  format: ['esm', 'cjs'] satisfies ('esm' | 'cjs')[],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
};

/**
 * For a package that bundles `@lemonvideo/shared`, which is never published: its code and its
 * types go into the package's own `dist/`.
 */
export const bundlesShared = {
  dts: { resolve: ['@lemonvideo/shared'] },
  noExternal: ['@lemonvideo/shared'],
};
