import { type Env, readEnv } from '@lemonvideo/shared/read-env';
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { flagOf } from '../session/create-fields';
import { describeError } from '../session/describe-error';
import { InterruptedError } from '../session/errors';
import { exitCodeOf, exitCodes } from '../session/exit-codes';
import { type GlobalOptions, sessionOptions } from '../session/options';
import { Session } from '../session/session';
import { CommandContext } from './command-context';
import { registerBatch } from './commands/batch';
import { registerCancel } from './commands/cancel';
import { registerDownload } from './commands/download';
import { registerGenerate } from './commands/generate';
import { registerHistory } from './commands/history';
import { registerInteractive } from './commands/interactive';
import { registerModels } from './commands/models';
import { registerSimulator } from './commands/simulator';
import { registerStatus } from './commands/status';
import { registerWait } from './commands/wait';
import { registerWorker } from './commands/worker';
import { exitOnInterrupt } from './interrupts';
import { Output } from './output';

/** All that a run of lemonvideo reads from its process: nothing else is touched. */
export interface Environment {
  argv: readonly string[];
  env: Env;
  cwd: string;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** What a command does; it may resolve with an exit code of its own (else 0, done). */
export type CommandBody = (context: CommandContext) => unknown;

/** Runs a command's body: the one place its errors become a line and an exit code. */
export type RunCommand = (command: Command, body: CommandBody) => Promise<void>;

const examples = `
Examples:
  $ lemonvideo                                   open the app (in a terminal)
  $ lemonvideo generate "a lighthouse at dusk" --model veo3.1 --duration 8
  $ lemonvideo generate "a cat" --no-wait --json
  $ lemonvideo wait video_abc123
  $ lemonvideo batch prompts.jsonl --rpm 600     every line a video; run again to resume
  $ lemonvideo history

With no LEMONDATA_API_KEY, lemonvideo runs its own SIMULATOR (not the real API).
Exit codes: 0 done, 1 task failed or cancelled, 2 bad usage or input,
3 authentication or billing, 4 network or timeout, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).`;

/** Runs `body` in a session of its own; resolves with the exit code. */
async function runCommand(
  { env, cwd, stdout, stderr }: Environment,
  options: GlobalOptions,
  body: CommandBody,
): Promise<number> {
  const output = new Output({ json: options.json === true, stdout, stderr, env });
  let session: Session | undefined;
  try {
    exitOnInterrupt();
    session = new Session(sessionOptions(options), env, cwd, {
      onWarning: (message) => output.note(message),
    });
    const exitCode = await body(new CommandContext(session, output, stdout));
    await session.history.settled();
    return typeof exitCode === 'number' ? exitCode : exitCodes.ok;
  } catch (error) {
    const exitCode = exitCodeOf(error);
    // A job left on Ctrl-C has already said what became of its task.
    if (!(error instanceof InterruptedError && error.reported)) {
      const line =
        session?.describe(error, flagOf) ??
        describeError(error, { apiKey: readEnv('LEMONDATA_API_KEY', env), fieldName: flagOf });
      output.error(line, exitCode);
    }
    return exitCode;
  } finally {
    await session?.history.settled();
    await session?.close();
  }
}

/** The program: its global options, and each command from its own file. */
function createProgram(environment: Environment, run: RunCommand): Command {
  const { argv, stdout, stderr } = environment;
  const wantsJson = argv.includes('--json') || !stdout.isTTY;
  const program = new Command('lemonvideo')
    .description('Generate videos with the LemonData API: an interactive app and a scriptable CLI.')
    .version(packageJson.version, '-V, --version')
    .option('--base-url <url>', 'API base URL (default: LEMONDATA_BASE_URL, else the real API)')
    .option('--json', 'JSON lines on stdout (the default when stdout is not a terminal)')
    .option(
      '--timeout <seconds>',
      'give up on a task, a download or an API call after this long (default: 600 for a task, 60 for a call, none for a download but 30 without a byte); Infinity: no limit',
    )
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the running task instead of detaching it')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      outputError: (text, write) => {
        const line = text
          .replace(/^error: /, '')
          .replace(/\s*\n\s*/g, ' ')
          .trim();
        write(`lemonvideo: ${line}\n`);
        if (wantsJson) {
          stdout.write(
            `${JSON.stringify({ type: 'error', exitCode: exitCodes.usage, message: line })}\n`,
          );
        }
      },
    })
    .addHelpText('after', examples);
  registerInteractive(program, run, environment);
  for (const register of [
    registerGenerate,
    registerStatus,
    registerWait,
    registerCancel,
    registerDownload,
    registerModels,
    registerHistory,
    registerSimulator,
  ]) {
    register(program, run);
  }
  registerBatch(program, run, environment);
  registerWorker(program, run);
  return program;
}

/**
 * A reader that stops early (`lemonvideo history --json | head -1`) closes the pipe: what is
 * left to print has nowhere to go, which is no failure, and the command still finishes its work
 * (records its task, saves its video). Any other error of the stream is thrown as before.
 */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
}

/** Parses the arguments and runs the command they name (or the app); resolves with the exit code. */
export async function main(environment: Environment): Promise<number> {
  for (const stream of [environment.stdout, environment.stderr]) {
    if (typeof stream.on === 'function') stream.on('error', ignoreClosedPipe);
  }
  let exitCode: number = exitCodes.ok;
  const run: RunCommand = async (command, body) => {
    exitCode = await runCommand(environment, command.optsWithGlobals<GlobalOptions>(), body);
  };
  try {
    await createProgram(environment, run).parseAsync(environment.argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  return exitCode;
}
