/** An environment variable where the runtime has one (Node, Bun, Deno); never throws. */
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
