/**
 * CI gate: every publishable package that changed since the last release has a changeset.
 *
 * "Since the last release" is since the last commit that changed the `version` of a publishable
 * package (what `pnpm version-packages` commits), or since the first commit before any release.
 * So the check means the same on a branch, on main after a merge, and in a fresh clone where
 * `main` is the only branch, without needing a second ref to compare with.
 *
 * A package counts as changed when a file of it matches `changedFilePatterns` of
 * .changeset/config.json (the same rule `changeset status` uses: tests, README and dev scripts
 * do not count), except a package.json in which only `scripts` or `devDependencies` changed.
 * It is covered when a pending changeset names it, or by an empty changeset
 * (`pnpm changeset --empty`: "this needs no release").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import micromatch from 'micromatch';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
/** package.json fields that never reach a user of the package. */
const devOnlyFields = new Set(['scripts', 'devDependencies']);

interface Workspace {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function fail(message: string): never {
  process.stderr.write(`\u2716 ${message}\n`);
  process.exit(1);
}

function workspaces(): Workspace[] {
  const { packages } = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages: string[];
  };
  const dirs = packages.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return { name: manifest.name as string, dir, manifest };
    });
}

/** The commit of the last release, or the first commit when nothing was released yet. */
function releaseBase(publishable: Workspace[]): { commit: string; what: string } {
  const manifests = publishable.map((pkg) => `${pkg.dir}/package.json`);
  const versionAt = (commit: string, manifest: string): string | undefined => {
    const shown = spawnSync('git', ['show', `${commit}:${manifest}`], { cwd: root });
    return shown.status === 0 ? JSON.parse(shown.stdout.toString()).version : undefined;
  };
  const candidates = git('log', '--format=%H', '-G^  "version": ', '--', ...manifests);
  // A release changes a version; a commit that adds a package only writes its first one.
  const released = candidates
    .split('\n')
    .filter(Boolean)
    .find((commit) =>
      manifests.some((manifest) => {
        const before = versionAt(`${commit}^`, manifest);
        return before !== undefined && before !== versionAt(commit, manifest);
      }),
    );
  if (released) return { commit: released, what: `the last release (${released.slice(0, 7)})` };
  const first = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop() as string;
  return {
    commit: first,
    what: `the first commit (${first.slice(0, 7)}; nothing was released yet)`,
  };
}

function publishedFieldsChanged(pkg: Workspace, base: string): boolean {
  let before: Record<string, unknown>;
  try {
    before = JSON.parse(git('show', `${base}:${pkg.dir}/package.json`));
  } catch {
    return true; // a new package
  }
  const published = (manifest: Record<string, unknown>) =>
    JSON.stringify(Object.entries(manifest).filter(([key]) => !devOnlyFields.has(key)));
  return published(before) !== published(pkg.manifest);
}

/** The packages each pending changeset names; an empty changeset names none. */
function pendingChangesets(): Array<{ file: string; packages: string[] }> {
  const dir = join(root, '.changeset');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text)?.[1];
      if (front === undefined) fail(`.changeset/${file} has no front matter`);
      const releases = (parse(front) ?? {}) as Record<string, string>;
      return { file, packages: Object.keys(releases) };
    });
}

if (spawnSync('git', ['rev-parse', '--git-dir'], { cwd: root }).status !== 0) {
  console.log('changesets: not a git checkout, nothing to compare with; skipped.');
  process.exit(0);
}
if (git('rev-parse', '--is-shallow-repository') === 'true') {
  const deepen = spawnSync('git', ['fetch', '--quiet', '--unshallow'], { cwd: root });
  if (deepen.status !== 0) {
    fail(
      'changesets: this is a shallow clone and its history could not be fetched: clone with full history (e.g. fetch-depth: 0).',
    );
  }
}

const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as {
  ignore: string[];
  changedFilePatterns?: string[];
};
const all = workspaces();
const publishable = all.filter(
  (pkg) => pkg.manifest.private !== true && !config.ignore.includes(pkg.name),
);
const base = releaseBase(publishable);
const changedFiles = git('diff', '--name-only', '--no-relative', base.commit)
  .split('\n')
  .filter(Boolean);
// A file belongs to the deepest package that holds it (packages/react/test-react18 is its own).
const byDepth = [...all].sort((a, b) => b.dir.length - a.dir.length);
const filesOf = new Map<string, string[]>();
for (const file of changedFiles) {
  const owner = byDepth.find((pkg) => file.startsWith(`${pkg.dir}/`));
  if (owner === undefined) continue;
  filesOf.set(owner.name, [...(filesOf.get(owner.name) ?? []), relative(owner.dir, file)]);
}

const changed = publishable.filter((pkg) => {
  const files = micromatch(
    (filesOf.get(pkg.name) ?? []).map((file) => file.split(sep).join('/')),
    config.changedFilePatterns ?? ['**'],
  );
  if (files.length === 1 && files[0] === 'package.json') {
    return publishedFieldsChanged(pkg, base.commit);
  }
  return files.length > 0;
});
const changesets = pendingChangesets();
const empty = changesets.find((changeset) => changeset.packages.length === 0);
const named = new Set(changesets.flatMap((changeset) => changeset.packages));
const uncovered = empty ? [] : changed.filter((pkg) => !named.has(pkg.name));

console.log(`changesets: compared with ${base.what}.`);
for (const pkg of changed) {
  const note = named.has(pkg.name)
    ? 'has a changeset'
    : empty
      ? `.changeset/${empty.file} (empty)`
      : 'NO CHANGESET';
  console.log(`  ${pkg.name}: changed, ${note}`);
}
if (changed.length === 0) console.log('  no publishable package changed.');

if (changesets.length > 0) {
  // `changeset status --since` reads only the changesets git knows of.
  const untracked = git('ls-files', '--others', '--exclude-standard', '--', '.changeset');
  if (untracked) {
    fail(
      `changesets: \`git add\` the new changeset before this check: ${untracked.split('\n').join(', ')}`,
    );
  }
  // Validates the changesets (unknown package names, bad bump types) and reads the release plan.
  const planFile = join(mkdtempSync(join(tmpdir(), 'changeset-plan-')), 'plan.json');
  const status = spawnSync(
    'changeset',
    ['status', `--since=${base.commit}`, `--output=${planFile}`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (status.status !== 0) fail('changesets: `changeset status` failed (see above).');
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {
    changesets: Array<{ id: string; releases: Array<{ name: string; type: string }> }>;
    releases: Array<{ name: string; type: string; oldVersion: string; newVersion: string }>;
  };
  console.log('Release plan:');
  for (const release of plan.releases.filter((release) => release.type !== 'none')) {
    console.log(
      `  ${release.name}: ${release.oldVersion} -> ${release.newVersion} (${release.type})`,
    );
  }
  // Changesets gives a peer dependent a major when its peer range is left; on 0.x that is
  // rarely what anyone meant (see CONTRIBUTING.md, "Releasing").
  const implied = plan.releases.filter(
    (release) =>
      release.type === 'major' &&
      !plan.changesets.some((changeset) =>
        changeset.releases.some((bump) => bump.name === release.name && bump.type === 'major'),
      ),
  );
  if (implied.length > 0) {
    fail(
      `changesets: ${implied.map((release) => `${release.name} ${release.newVersion}`).join(', ')} would be a major release that no changeset asked for: a peer dependency range is left. Raise the peer range in the same change, or ask for the major in a changeset (CONTRIBUTING.md, "Releasing").`,
    );
  }
}
if (uncovered.length > 0) {
  fail(
    `changesets: ${uncovered.map((pkg) => pkg.name).join(', ')} changed since ${base.what} without a changeset. Run \`pnpm changeset\` (or \`pnpm changeset --empty\` for a change that needs no release) and commit the file.`,
  );
}
