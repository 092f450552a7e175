import { fileURLToPath } from 'node:url';
import preset from '@size-limit/preset-small-lib';
import sizeLimit from 'size-limit';

interface SizeCheck {
  name: string;
  /** What the check imports, as size-limit's `import` option. */
  import: Record<string, string>;
  /** Packages left out of the bundle (the page has them anyway). */
  ignore?: string[];
}

/**
 * The release budgets' entries, importing what .size-limit.json's do, and other SDKs bundled
 * the same way in the same run.
 */
export const sizeChecks: SizeCheck[] = [
  { name: '@lemonvideo/core', import: { '@lemonvideo/core': '{ LemonVideo }' } },
  {
    name: '@lemonvideo/react',
    import: { '@lemonvideo/react': '*' },
    ignore: ['react', '@lemonvideo/core'],
  },
  { name: '@lemonvideo/proxy', import: { '@lemonvideo/proxy': '*' } },
  { name: 'openapi-fetch', import: { 'openapi-fetch': 'createClient' } },
  { name: 'replicate', import: { replicate: 'Replicate' } },
  { name: '@runwayml/sdk', import: { '@runwayml/sdk': 'RunwayML' } },
  { name: '@fal-ai/client', import: { '@fal-ai/client': '{ fal }' } },
  { name: 'openai', import: { openai: 'OpenAI' } },
];

export interface SizeResult {
  name: string;
  /** Minified and gzipped bytes, for the browser. */
  gzipBytes: number;
}

/** Bundles each check with size-limit's small-lib preset (esbuild, minified, gzipped). */
export async function measureSizes(checks = sizeChecks): Promise<SizeResult[]> {
  // size-limit bundles an entry it writes to a temporary directory: resolve from here.
  const nodeModules = fileURLToPath(new URL('../node_modules', import.meta.url));
  const results = (await sizeLimit(
    preset as never,
    {
      checks: checks.map((check) => ({
        ...check,
        gzip: true,
        files: [],
        modifyEsbuildConfig: (config: object) => ({ ...config, nodePaths: [nodeModules] }),
      })),
    } as never,
  )) as unknown as Array<{ size: number }>;
  return checks.map((check, index) => ({
    name: check.name,
    gzipBytes: (results[index] as { size: number }).size,
  }));
}
