import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));

/** Every module of the package, tests aside. */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : modules(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The modules of this package that `file` imports, type-only imports included. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name))
    .map((path) => [`${path}.ts`, join(path, 'index.ts')].find((each) => existsSync(each)))
    .filter((path): path is string => path !== undefined);
}

/** Each cycle of imports, as the chain of modules that closes it. */
function cycles(files: string[]): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    const at = chain.indexOf(file);
    if (at !== -1) {
      found.push([...chain.slice(at), file].map((each) => relative(src, each)));
      return;
    }
    if (done.has(file)) return;
    for (const next of importsOf(file)) visit(next, [...chain, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found;
}

it('no module imports itself through others, not even through type imports', () => {
  expect(cycles(modules(src))).toEqual([]);
});
