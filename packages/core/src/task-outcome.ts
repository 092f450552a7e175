import { failedTaskStatuses, succeededTaskStatuses } from './generated/rules';
import type { TaskStatus } from './task';

export type TaskOutcome = 'running' | 'succeeded' | 'failed';

const succeeded: ReadonlySet<string> = new Set(succeededTaskStatuses);
const failed: ReadonlySet<string> = new Set(failedTaskStatuses);

/** Where a status word leaves the task. Any word the spec does not know means still running. */
export function taskOutcome(status: TaskStatus): TaskOutcome {
  if (succeeded.has(status)) return 'succeeded';
  if (failed.has(status)) return 'failed';
  return 'running';
}
