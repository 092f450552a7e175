import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { build } from '../../scripts/generate';

it('the generated files match spec/openapi.yaml (run `pnpm generate` when this fails)', async () => {
  const files = Object.entries(await build());
  expect(files.map(([path]) => path.split('/').at(-1))).toEqual(['spec.json']);
  for (const [path, contents] of files) {
    expect(await readFile(path, 'utf8'), path).toBe(contents);
  }
});
