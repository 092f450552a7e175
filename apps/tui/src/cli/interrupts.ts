import { exitCodes } from '../session/exit-codes';

/** The signals that stop a scripted command: Ctrl-C, and a polite `kill` (or a service manager). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

let handler: ((signal: StopSignal) => void) | null = null;

function onSignal(signal: StopSignal): void {
  const current = handler;
  // With nothing to wind down, or on a second signal, stop at once.
  handler = null;
  if (current === null) {
    process.exit(signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted);
  }
  current(signal);
}

/**
 * Makes SIGINT end a scripted command with exit code 130, and SIGTERM with 143 (unless a
 * handler winds it down first).
 */
export function exitOnInterrupt(): void {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Lets `wind` handle the next SIGINT or SIGTERM (say, detach the running task, or stop a
 * download) until the returned function is called; a second signal exits at once.
 */
export function onInterrupt(wind: (signal: StopSignal) => void): () => void {
  handler = wind;
  return () => {
    if (handler === wind) handler = null;
  };
}
