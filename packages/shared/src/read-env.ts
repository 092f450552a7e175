/** Environment variables by name, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * An environment variable, trimmed; undefined when it is unset or blank. Reads `env` when
 * given (an injected environment), else the process's where the runtime has one (Node, Bun,
 * Deno). Never throws.
 */
export function readEnv(name: string, env?: Env): string | undefined {
  try {
    const from = env ?? (globalThis as { process?: { env?: Env } }).process?.env;
    return from?.[name]?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}
