import { fileURLToPath } from 'node:url';
import { readSpec, runGenerator } from '../../../scripts/codegen.ts';

const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

/**
 * The whole spec as JSON (data, which the bundle inlines; JSON has no room for the
 * "generated" banner, the drift test guards it instead): the simulator validates requests with
 * it at run time and its tests validate every response with it, so nothing of the contract is
 * copied by hand.
 */
export async function build(): Promise<Record<string, string>> {
  const spec = await readSpec();
  return { [out('spec.json')]: `${JSON.stringify(spec, null, 2)}\n` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
