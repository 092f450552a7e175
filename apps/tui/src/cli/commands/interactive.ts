import type { Command } from 'commander';
import { UsageError } from '../../session/errors';
import type { Environment, RunCommand } from '../program';

/** `lemonvideo` with no command: the interactive app, in a terminal. */
export function registerInteractive(
  program: Command,
  run: RunCommand,
  { stdin, stdout, stderr }: Environment,
): void {
  program.action((_options: unknown, command: Command) =>
    run(command, async ({ session }) => {
      if (!stdin.isTTY || !stdout.isTTY) {
        program.outputHelp({ error: true });
        throw new UsageError(
          'the interactive app needs a terminal (stdin and stdout); give a command, see above',
        );
      }
      // The app's code loads while the connection (maybe a simulator) starts.
      const [{ runApp }, connection] = await Promise.all([
        import('../../app/run-app'),
        session.connect(),
      ]);
      const ended = await runApp(session, connection, { stdin, stdout, stderr });
      if (ended.message) stderr.write(`${ended.message}\n`);
      return ended.code;
    }),
  );
}
