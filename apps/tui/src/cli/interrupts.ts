import { exitCodes } from '../session/exit-codes';

let handler: (() => void) | null = null;

function onSigint(): void {
  const current = handler;
  // With nothing to wind down, or on a second Ctrl-C, stop at once.
  handler = null;
  if (current === null) process.exit(exitCodes.interrupted);
  current();
}

/** Makes SIGINT end a scripted command with exit code 130 (unless a handler winds it down). */
export function exitOnInterrupt(): void {
  process.on('SIGINT', onSigint);
}

/**
 * Lets `wind` handle the next SIGINT (say, detach the running task) until the returned
 * function is called; a second SIGINT exits at once.
 */
export function onInterrupt(wind: () => void): () => void {
  handler = wind;
  return () => {
    if (handler === wind) handler = null;
  };
}
