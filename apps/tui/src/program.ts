import { Command, CommanderError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { UsageError } from './cli-errors';
import { CommandContext, type GlobalOptions, timeoutsOf } from './command-context';
import { cancel } from './commands/cancel';
import { download } from './commands/download';
import { type GenerateOptions, generate } from './commands/generate';
import { history } from './commands/history';
import { models } from './commands/models';
import { type SimulatorOptions, simulator } from './commands/simulator';
import { status } from './commands/status';
import { type WaitOptions, wait } from './commands/wait';
import { connect } from './connection';
import { createFields, type FieldText, rangeOf } from './create-fields';
import { describeError } from './describe-error';
import { exitCodeOf, exitCodes } from './exit-codes';
import { exitOnInterrupt } from './interrupts';
import { Output } from './output';

export interface Environment {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const examples = `
Examples:
  $ lemonvideo                                   open the app (in a terminal)
  $ lemonvideo generate "a lighthouse at dusk" --model veo3.1 --duration 8
  $ lemonvideo generate "a cat" --no-wait --json
  $ lemonvideo wait video_abc123
  $ lemonvideo history

With no LEMONDATA_API_KEY, lemonvideo runs its own SIMULATOR (not the real API).
Exit codes: 0 done, 1 task failed or cancelled, 2 bad usage or input,
3 authentication or billing, 4 network or timeout, 130 interrupted.`;

/** Parses `argv` and runs the command it names (or the app); resolves with the exit code. */
export async function main({ argv, env, cwd }: Environment): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const wantsJson = argv.includes('--json') || !process.stdout.isTTY;

  /** Runs a scripted command: the one place its errors become a line and an exit code. */
  const run = async (
    command: Command,
    body: (context: CommandContext) => Promise<void> | void,
  ): Promise<void> => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const output = new Output({
      json: options.json === true,
      stdout: process.stdout,
      stderr: process.stderr,
      env,
    });
    let context: CommandContext | undefined;
    try {
      exitOnInterrupt();
      context = new CommandContext(options, output, env, cwd);
      await body(context);
    } catch (error) {
      exitCode = exitCodeOf(error);
      // An interrupted command has already said what became of its task.
      if (exitCode !== exitCodes.interrupted) {
        output.error(
          context?.describe(error) ?? describeError(error, env.LEMONDATA_API_KEY),
          exitCode,
        );
      }
    } finally {
      await context?.close();
    }
  };

  const program = new Command('lemonvideo')
    .description('Generate videos with the LemonData API: an interactive app and a scriptable CLI.')
    .version(packageJson.version, '-V, --version')
    .option('--base-url <url>', 'API base URL (default: LEMONDATA_BASE_URL, else the real API)')
    .option('--json', 'JSON lines on stdout (the default when stdout is not a terminal)')
    .option('--timeout <seconds>', 'give up waiting for a task after this long (default 600)')
    .option('--cancel-on-exit', 'on Ctrl-C, cancel the running task instead of detaching it')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => {
        const line = text
          .replace(/^error: /, '')
          .replace(/\s*\n\s*/g, ' ')
          .trim();
        write(`lemonvideo: ${line}\n`);
        if (wantsJson) {
          process.stdout.write(
            `${JSON.stringify({ type: 'error', exitCode: exitCodes.usage, message: line })}\n`,
          );
        }
      },
    })
    .addHelpText('after', examples)
    .action(async (options: GlobalOptions) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        program.outputHelp({ error: true });
        throw new UsageError(
          'the interactive app needs a terminal (stdin and stdout); give a command, see above',
        );
      }
      // Ink colours through chalk, which heeds FORCE_COLOR (not NO_COLOR) as it first loads.
      if (env.NO_COLOR) process.env.FORCE_COLOR = '0';
      // Ink draws only the last frame, on exit, when CI is set (say, a tmate shell into a CI
      // job). Here a person types into a terminal, so it must draw every frame.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      // The app's code loads while the connection (maybe a simulator) starts.
      const [{ runInteractive }, connection] = await Promise.all([
        import('./interactive'),
        connect({ baseUrl: options.baseUrl, env, timeoutMs: timeoutsOf(options).callMs }),
      ]);
      exitCode = await runInteractive(options, connection, env, cwd);
    });

  const generateCommand = program
    .command('generate')
    .description('create a video task, wait for it and save the video to ./videos/<task id>.mp4')
    .argument('<prompt>', 'what the video shows');
  // Each create field but the prompt (the argument) as a flag, e.g. `--cfg-scale <n>`.
  const fieldOptions = createFields
    .filter((field) => field.key !== 'prompt')
    .map((field) => ({
      key: field.key,
      option: new Option(
        `${field.flag} ${field.placeholder}`,
        `${field.help}${rangeOf(field.key)}`,
      ),
    }));
  for (const { option } of fieldOptions) generateCommand.addOption(option);
  generateCommand
    .option('--no-wait', 'print the task and exit once it is created')
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', 'save the video here instead of ./videos/<task id>.mp4')
    .action(
      (prompt: string, options: GenerateOptions & Record<string, unknown>, command: Command) => {
        const text: FieldText = { prompt };
        for (const { key, option } of fieldOptions) {
          const value = options[option.attributeName()];
          if (typeof value === 'string') text[key] = value;
        }
        return run(command, (context) => generate(context, text, options));
      },
    );

  program
    .command('status')
    .description("print a task's current status, once")
    .argument('<id>', 'task id')
    .action((id: string, _options: unknown, command: Command) =>
      run(command, (context) => status(context, id)),
    );

  program
    .command('wait')
    .description('follow a task to its end and save its video (resumes a detached task)')
    .argument('<id>', 'task id')
    .option('--no-download', 'do not save the video, only print its URL')
    .option('--out <file>', 'save the video here instead of ./videos/<task id>.mp4')
    .action((id: string, options: WaitOptions, command: Command) =>
      run(command, (context) => wait(context, id, options)),
    );

  program
    .command('cancel')
    .description('cancel a queued task, where its model allows it')
    .argument('<id>', 'task id')
    .action((id: string, _options: unknown, command: Command) =>
      run(command, (context) => cancel(context, id)),
    );

  program
    .command('download')
    .description("save a completed task's video to ./videos/<task id>.mp4")
    .argument('<id>', 'task id')
    .option('--out <file>', 'save the video here instead')
    .action((id: string, options: { out?: string }, command: Command) =>
      run(command, (context) => download(context, id, options)),
    );

  program
    .command('models')
    .description('list the video models with their durations, resolutions and aspect ratios')
    .action((_options: unknown, command: Command) => run(command, models));

  program
    .command('history')
    .description('list every task this app has started or followed, newest first')
    .action((_options: unknown, command: Command) => run(command, history));

  program
    .command('simulator')
    .description('run the SIMULATOR of the API in the foreground (not the real API)')
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').default('4010'))
    .addOption(new Option('--speed <factor>', 'how many times faster than real time').default('1'))
    .action((options: SimulatorOptions, command: Command) =>
      run(command, (context) => simulator(context, options)),
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    // Only the interactive app's own failures reach here.
    exitCode = exitCodeOf(error);
    const output = new Output({ json: false, stdout: process.stdout, stderr: process.stderr, env });
    output.error(describeError(error, env.LEMONDATA_API_KEY), exitCode);
  }
  return exitCode;
}
