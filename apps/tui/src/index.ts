/**
 * For scripts that run the `lemonvideo` command: its exit codes, and the types of the lines
 * it prints with `--json`. The command itself is the package's bin.
 */
export { type ExitCode, exitCodes } from './exit-codes';
export type { HistoryApi, HistoryEntry, HistoryStatus } from './history-store';
export type { JsonEvent, TaskJson } from './json-events';
