/**
 * What a user gets from npm: the packages are packed with `pnpm pack` (as `pnpm publish` would),
 * installed with npm into a fresh project outside the workspace, and used there from ESM, from
 * CommonJS and from TypeScript, against a simulator started from the packed simulator.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const consumer = fileURLToPath(new URL('../consumer/', import.meta.url));
/** Each published package, by the name it is installed as, with its folder here. */
const sources = {
  '@lemonvideo/core': 'packages/core',
  '@lemonvideo/react': 'packages/react',
  '@lemonvideo/proxy': 'packages/proxy',
  '@lemonvideo/simulator': 'packages/simulator',
  // The CLI's batch commands on Redis depend on it.
  '@lemonvideo/queue': 'packages/queue',
  lemonvideo: 'apps/tui',
} as const;
type Published = keyof typeof sources;
const published = Object.keys(sources) as Published[];

/** What a README example may import for it to be type-checked here. */
const installed = [
  /^@lemonvideo\/(core|react|proxy|simulator)(\/node)?$/,
  /^lemonvideo$/,
  /^react(-dom)?(\/.+)?$/,
  /^node:/,
];

interface Packed {
  filename: string;
  files: string[];
}

let work: string;
let project: string;
const packed = new Map<Published, Packed>();
/** The environment of a user's shell: nothing from pnpm, the workspace or a real API key. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|LEMONDATA_)/i.test(key)),
);

function manifest(dir: string): Promise<Record<string, Record<string, string>>> {
  return readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse);
}

async function pack(name: Published, destination: string): Promise<Packed> {
  const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : 'pnpm';
  const { stdout } = await run(pnpm, ['pack', '--json', '--pack-destination', destination], {
    cwd: join(repo, sources[name]),
  });
  const result = JSON.parse(stdout) as { filename: string; files: Array<{ path: string }> };
  return { filename: result.filename, files: result.files.map((file) => file.path) };
}

/** The ```ts and ```tsx blocks of a package README that only import what is installed here. */
async function readmeExamples(name: Published) {
  const readme = await readFile(join(repo, sources[name], 'README.md'), 'utf8');
  const slug = name.replace('@lemonvideo/', '');
  return [...readme.matchAll(/```(tsx?)\n([\s\S]*?)```/g)]
    .map(([, lang, code], index) => ({ file: `${slug}-${index + 1}.${lang}`, code: code ?? '' }))
    .filter(({ code }) => {
      const imports = [...code.matchAll(/^import [^']*'([^']+)';$/gm)].map(([, from]) => from);
      return (
        imports.some((from) => from?.startsWith('@lemonvideo/') || from === 'lemonvideo') &&
        imports.every((from) => installed.some((pattern) => pattern.test(from ?? '')))
      );
    });
}

async function node(script: string, args: string[] = []) {
  const { stdout } = await run(process.execPath, [script, ...args], { cwd: project, env });
  return stdout;
}

async function tsc(config: string) {
  const bin = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [bin, '-p', config, '--pretty', 'false'], { cwd: project, env });
  } catch (error) {
    throw new Error(`tsc -p ${config}:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lemonvideo-pack-'));
  project = join(work, 'project');
  const packs = join(work, 'packs');
  await mkdir(packs);
  for (const [name, result] of await Promise.all(
    published.map(async (name) => [name, await pack(name, packs)] as const),
  )) {
    packed.set(name, result);
  }

  // The versions the workspace tests against, so that this test installs the same.
  const { devDependencies: dev = {} } = await manifest(join(repo, sources['@lemonvideo/react']));
  await cp(consumer, project, { recursive: true });
  await writeFile(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'lemonvideo-pack-test',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(
            published.map((name) => [name, `file:${packed.get(name)?.filename}`]),
          ),
          react: dev.react,
          'react-dom': dev['react-dom'],
          typescript: dev.typescript,
          '@types/node': dev['@types/node'],
          '@types/react': dev['@types/react'],
          '@types/react-dom': dev['@types/react-dom'],
        },
      },
      null,
      2,
    )}\n`,
  );
  await mkdir(join(project, 'readme'));
  for (const name of published) {
    for (const example of await readmeExamples(name)) {
      await writeFile(join(project, 'readme', example.file), example.code);
    }
  }
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'],
    { cwd: project, env },
  );
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it.each(published)('%s holds its build, README and manifest, and no sources or tests', (name) => {
    const files = packed.get(name)?.files ?? [];
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.cjs');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/index.d.cts');
    const unexpected = files.filter(
      (file) =>
        !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].includes(file) &&
        !file.startsWith('dist/') &&
        !(name === '@lemonvideo/simulator' && file.startsWith('assets/')),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((file) => /__tests__|\.test\./.test(file))).toEqual([]);
  });

  it('lemonvideo holds its bin too', () => {
    expect(packed.get('lemonvideo')?.files).toContain('dist/cli.js');
  });

  it('carry published version ranges, and the hooks peer on the packed core', async () => {
    const installedManifest = (name: Published) => manifest(join(project, 'node_modules', name));
    for (const name of published) {
      expect(JSON.stringify(await installedManifest(name))).not.toContain('workspace:');
    }
    const core = await installedManifest('@lemonvideo/core');
    const react = await installedManifest('@lemonvideo/react');
    // The range react declares (`workspace:>=0.1.0 <0.3.0`), published without `workspace:`,
    // and the packed core in it.
    const declared = JSON.parse(
      await readFile(join(repo, 'packages', 'react', 'package.json'), 'utf8'),
    ) as { peerDependencies: Record<string, string> };
    const range = declared.peerDependencies['@lemonvideo/core']?.replace('workspace:', '');
    expect(react.peerDependencies).toEqual({ '@lemonvideo/core': range, react: '^18 || ^19' });
    expect(range).toMatch(/^>=0\.1\.0 <0\.3\.0$/);
    expect(core.version).toMatch(/^0\.[12]\./);
  });
});

describe('in a project outside the workspace', () => {
  const expectation = {
    models: expect.any(Number),
    statuses: ['submitting', 'pending', 'processing', 'completed'],
    status: 'completed',
    url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/videos\/ldtask_[0-9a-f]{32}\.mp4$/),
    bytes: expect.any(Number),
    mp4: 'ftyp',
    invalid: 'fps',
    missing: 404,
    viaProxy: 'completed',
    denied: 404,
    nodeModels: expect.any(Number),
    html: '<p>idle true</p>',
    simulatorTasks: 2,
    cliModels: expect.any(Number),
    cliUsage: { exitCode: 2, exported: true, error: '--fps must be between 1 and 120 (got 500)' },
  };

  it('Node ESM: import runs the client against the packed simulator, directly and through the proxy', async () => {
    const result = JSON.parse(await node('esm.mjs'));
    expect(result).toEqual({ format: 'esm', ...expectation });
    expect(result.models).toBeGreaterThan(3);
    expect(result.nodeModels).toBe(result.models);
    expect(result.cliModels).toBe(result.models);
    expect(result.bytes).toBeGreaterThan(10_000);
  });

  it('Node CommonJS: require runs the same', async () => {
    const result = JSON.parse(await node('cjs.cjs'));
    expect(result).toEqual({ format: 'cjs', ...expectation });
  });

  it('TypeScript with moduleResolution node16 type-checks, from ESM and from CommonJS', async () => {
    await tsc('tsconfig.node16.json');
  });

  it('TypeScript with moduleResolution bundler type-checks, with every README example', async () => {
    await tsc('tsconfig.bundler.json');
  });

  it("core's README quick start runs as written", async () => {
    const [quickStart] = await readmeExamples('@lemonvideo/core');
    if (quickStart === undefined) throw new Error('packages/core/README.md has no ts example');
    const ts = createRequire(join(project, 'package.json'))(
      'typescript',
    ) as typeof import('typescript');
    const { outputText } = ts.transpileModule(quickStart.code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    await writeFile(join(project, 'quick-start.mjs'), outputText);
    const stdout = await node('with-simulator.mjs', ['quick-start.mjs']);
    expect(stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/videos\/ldtask_[0-9a-f]{32}\.mp4$/);
  });
});
