import type { CommandContext } from '../command-context';
import { onInterrupt } from '../interrupts';
import { numberFlag } from '../number-flag';

export interface SimulatorOptions {
  port: string;
  speed: string;
}

/** `lemonvideo simulator`: the SIMULATOR in the foreground, until Ctrl-C. */
export async function simulator(context: CommandContext, options: SimulatorOptions): Promise<void> {
  const port = numberFlag('--port', options.port, { integer: true, min: 0, max: 65_535 });
  const speed = numberFlag('--speed', options.speed, { min: 0.001 });
  const { output } = context;
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
    process.once('SIGTERM', resolve);
    onInterrupt(resolve);
  });
  await running.close();
}
