import type { Command } from 'commander';
import type { RunCommand } from '../program';

/** `lemonvideo history`: every task this app has started or followed, newest first. */
export function registerHistory(program: Command, run: RunCommand): void {
  program
    .command('history')
    .description('list every task this app has started or followed, newest first')
    .action((_options: unknown, command: Command) =>
      run(command, ({ session, output }) => {
        const entries = session.history.list();
        if (entries.length === 0) output.say(`No tasks yet (history: ${session.history.file}).`);
        for (const entry of entries) {
          const when = entry.createdAt.slice(0, 16).replace('T', ' ');
          const prompt = entry.params?.prompt ?? '';
          const lines = [
            `${when}  ${entry.status.padEnd(10)} ${output.paint('bold', entry.id)}${entry.api.simulator ? ' (simulator)' : ''}`,
          ];
          if (prompt) lines.push(`  ${prompt.length > 70 ? `${prompt.slice(0, 69)}…` : prompt}`);
          const result = entry.result?.file ?? entry.result?.videoUrl;
          if (result) lines.push(`  ${result}`);
          if (entry.error) lines.push(`  ${output.paint('red', entry.error.message)}`);
          output.emit({ type: 'history', entry }, lines.join('\n'));
        }
      }),
    );
}
