/** Reads an environment variable where the runtime has one (Node, Bun, Deno); never throws. */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
      ?.env;
    return env?.[name]?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}

/** True in a web page, where anything the client holds is visible to the page's users. */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window !== 'undefined' && typeof scope.document !== 'undefined';
}
