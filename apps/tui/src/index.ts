/**
 * For scripts that run the `lemonvideo` command: its exit codes, and the types of the lines
 * it prints with `--json`. The command itself is the package's bin.
 */
export type { JsonEvent, TaskJson } from './cli/json-events';
export { type ExitCode, exitCodes } from './session/exit-codes';
export type { HistoryApi, HistoryEntry, HistoryStatus } from './session/history-store';
