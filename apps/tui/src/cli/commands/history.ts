import type { Command } from 'commander';
import type { HistoryEntry } from '../../session/history-store';
import { oneLine } from '../../text/safe-text';
import type { Output } from '../output';
import type { RunCommand } from '../program';

/** `text` on one line, cut to `width` characters. */
const cut = (text: string, width: number) => {
  const line = oneLine(text);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
};

/** One entry on one line: when, status, id, prompt, and the file, the URL or the error. */
function entryLine(entry: HistoryEntry, output: Output): string {
  const when = entry.createdAt.slice(0, 16).replace('T', ' ');
  const where = entry.api.simulator ? ' (simulator)' : '';
  const prompt = entry.params?.prompt ? `  ${cut(entry.params.prompt, 50)}` : '';
  const result = entry.result?.file ?? entry.result?.videoUrl;
  const detail = result
    ? `  → ${oneLine(result)}`
    : entry.error
      ? `  ${output.paint('red', cut(entry.error.message, 70))}`
      : '';
  return `${when}  ${oneLine(entry.status).padEnd(10)} ${output.paint('bold', oneLine(entry.id))}${where}${prompt}${detail}`;
}

/** `lemonvideo history`: every task this app has started or followed, newest first. */
export function registerHistory(program: Command, run: RunCommand): void {
  program
    .command('history')
    .description('list every task this app has started or followed, newest first, one a line')
    .action((_options: unknown, command: Command) =>
      run(command, async ({ session, output }) => {
        const entries = await session.history.list();
        if (entries.length === 0) output.say(`No tasks yet (history: ${session.history.file}).`);
        for (const entry of entries) {
          output.emit({ type: 'history', entry }, entryLine(entry, output));
        }
      }),
    );
}
