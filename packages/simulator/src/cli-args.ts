import { parseArgs } from 'node:util';
import type { SimulatorOptions } from './start-simulator';

export const usage = `lemonvideo-simulator: a local SIMULATOR of the LemonData video API (not the real API)

Usage: lemonvideo-simulator [options]

Options:
  --port <n>        port to listen on (default 4010; 0 picks a free one)
  --host <host>     interface to listen on (default 127.0.0.1)
  --speed <x>       run simulated time x times faster (default 1)
  --api-key <key>   accept only this key (default: any key starting with sk-)
  --seed <n>        seed of the random source (default 1)
  --help            show this help
`;

export type CliArgs = { help: true } | { help: false; options: SimulatorOptions };

/** The simulator options of a command line; throws an Error that says what is wrong. */
export function parseCliArgs(args: readonly string[]): CliArgs {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string', default: '1' },
      'api-key': { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true };
  const apiKey = values['api-key'];
  return {
    help: false,
    options: {
      port: integer('--port', values.port),
      host: values.host,
      speed: positive('--speed', values.speed),
      seed: integer('--seed', values.seed),
      ...(apiKey !== undefined && { apiKey }),
    },
  };
}

function integer(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${flag} must be an integer, got '${raw}'`);
  return value;
}

function positive(flag: string, raw: string): number {
  const value = Number(raw);
  if (!(value > 0 && Number.isFinite(value))) {
    throw new Error(`${flag} must be a number > 0, got '${raw}'`);
  }
  return value;
}
