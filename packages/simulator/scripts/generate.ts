import { fileURLToPath } from 'node:url';
import { banner, readSpec, runGenerator } from '../../../scripts/codegen.ts';

const generator = 'packages/simulator/scripts/generate.ts';
const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

/**
 * The whole spec as an object literal: the simulator validates requests with it at run time and
 * its tests validate every response with it, so nothing of the contract is copied by hand.
 */
export async function build(): Promise<Record<string, string>> {
  const spec = await readSpec();
  const literal = `${banner(generator)}
/** spec/openapi.yaml, whole. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
  return { [out('spec.ts')]: literal };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
