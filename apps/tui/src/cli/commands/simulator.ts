import { type Command, Option } from 'commander';
import { numberFlag } from '../../session/number-flag';
import { onInterrupt } from '../interrupts';
import type { RunCommand } from '../program';

interface SimulatorOptions {
  port: string;
  speed: string;
}

/** `lemonvideo simulator`: the SIMULATOR in the foreground, until Ctrl-C. */
export function registerSimulator(program: Command, run: RunCommand): void {
  program
    .command('simulator')
    .description('run the SIMULATOR of the API in the foreground (not the real API)')
    .addOption(new Option('--port <port>', 'port to listen on (0: any free port)').default('4010'))
    .addOption(new Option('--speed <factor>', 'how many times faster than real time').default('1'))
    .action((options: SimulatorOptions, command: Command) =>
      run(command, async ({ output }) => {
        const port = numberFlag('--port', options.port, { integer: true, min: 0, max: 65_535 });
        const speed = numberFlag('--speed', options.speed, { min: 0.001 });
        const { startSimulator } = await import('@lemonvideo/simulator');
        const running = await startSimulator({ port, speed, log: (line) => output.note(line) });
        output.emit(
          { type: 'listening', url: running.url, simulator: true },
          [
            output.paint('yellow', 'lemonvideo SIMULATOR: not the real LemonData API'),
            `listening on ${output.paint('bold', running.url)}, speed ${speed}x`,
            `try: LEMONDATA_BASE_URL=${running.url} lemonvideo`,
            'Ctrl-C stops it',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          onInterrupt(() => resolve());
        });
        await running.close();
      }),
    );
}
