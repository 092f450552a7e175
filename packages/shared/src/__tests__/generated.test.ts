import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { build } from '../../scripts/generate';

it('the generated types match spec/openapi.yaml (run `pnpm generate` when this fails)', async () => {
  for (const [path, contents] of Object.entries(await build())) {
    expect(await readFile(path, 'utf8'), path).toBe(contents);
  }
});
