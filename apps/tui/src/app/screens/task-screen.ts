import type { AppExit } from '../app-exit';

/** What a screen showing one task can do, whichever task: word errors, open, move on, quit. */
export interface TaskScreenActions {
  /** An error as one line, in the form's words. */
  describe: (error: unknown) => string;
  /** Opens a file or URL in the system's player. */
  openExternal: (target: string) => Promise<void>;
  onNew: () => void;
  onHistory: () => void;
  onExit: (exit: AppExit) => void;
}
