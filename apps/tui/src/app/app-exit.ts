import type { ExitCode } from '../session/exit-codes';

/** How the interactive app ended: its exit code and what to print once the screen is gone. */
export interface AppExit {
  code: ExitCode;
  message?: string;
}
