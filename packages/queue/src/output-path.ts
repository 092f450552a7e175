import { isAbsolute, relative, resolve, win32 } from 'node:path';

/**
 * Why `out` cannot name a file inside a download directory, or null when it can: it must be a
 * relative path of at most 255 characters, with no `..` part and no NUL.
 */
export function outputNameProblem(out: unknown): string | null {
  if (typeof out !== 'string' || out.length === 0 || out.length > 255) {
    return `must be a file name of 1 to 255 characters (got ${JSON.stringify(out)})`;
  }
  if (out.includes('\0')) return 'must not hold a NUL character';
  if (isAbsolute(out) || win32.isAbsolute(out)) {
    return `must be relative to the download directory (got "${out}")`;
  }
  if (out.split(/[\\/]/).includes('..')) return `must not climb out with ".." (got "${out}")`;
  if (/[\\/]$/.test(out)) return `must name a file, not a directory (got "${out}")`;
  return null;
}

/** The path of `out` inside `dir`; throws a RangeError for a name `outputNameProblem` refuses. */
export function outputPath(dir: string, out: string): string {
  const problem = outputNameProblem(out);
  const path = resolve(dir, out);
  const inside = relative(resolve(dir), path);
  if (problem !== null || inside.startsWith('..') || isAbsolute(inside)) {
    throw new RangeError(`out: ${problem ?? `"${out}" is outside ${dir}`}`);
  }
  return path;
}
