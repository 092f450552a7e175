import { fileURLToPath } from 'node:url';
import {
  banner,
  defaultServerURL,
  readSpec,
  runGenerator,
  specTypes,
} from '../../../scripts/codegen.ts';

const generator = 'packages/shared/scripts/generate.ts';
const out = (name: string) => fileURLToPath(new URL(`../src/generated/${name}`, import.meta.url));

/**
 * The TypeScript types of the whole spec, and where the API lives: the one copy core, the
 * proxy and the simulator use.
 */
export async function build(): Promise<Record<string, string>> {
  const servers = `${banner(generator)}
/** Where the API lives (spec: the first of servers). */
export const defaultBaseURL = ${JSON.stringify(defaultServerURL(await readSpec()))};
`;
  return { [out('openapi.ts')]: await specTypes(generator), [out('servers.ts')]: servers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerator(build);
