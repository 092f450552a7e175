import { readFile } from 'node:fs/promises';

/**
 * The first ```ts block after the heading `heading` (e.g. `## Use it from code`) of the Markdown
 * file at `readme`: a README's example, to be run as written. Throws when there is none.
 */
export async function readmeExample(readme: URL, heading: string): Promise<string> {
  const text = await readFile(readme, 'utf8');
  const section = text.split(heading)[1] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error(`${readme.pathname} has no ts block under "${heading}"`);
  return code;
}
