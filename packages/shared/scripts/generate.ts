import { fileURLToPath } from 'node:url';
import { runGenerator, specTypes } from '../../../scripts/codegen.ts';

const generator = 'packages/shared/scripts/generate.ts';
const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

/** The TypeScript types of the whole spec: the one copy core, the proxy and the simulator use. */
export async function build(): Promise<Record<string, string>> {
  return { [out('openapi.ts')]: await specTypes(generator) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
