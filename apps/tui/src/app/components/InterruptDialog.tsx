import { Box } from 'ink';
import { Text } from './Text';

export interface InterruptDialogProps {
  taskId: string | null;
  /** What Enter does: detach, or cancel with `--cancel-on-exit`. */
  defaultChoice: 'detach' | 'cancel';
  /** The task outlives the app; not on the built-in simulator, which stops with it. */
  resumable: boolean;
}

/** Asked on Ctrl-C (or q) while a task runs: leave it running, cancel it, or stay. */
export function InterruptDialog({ taskId, defaultChoice, resumable }: InterruptDialogProps) {
  const mark = (choice: 'detach' | 'cancel') => (choice === defaultChoice ? ' (enter)' : '');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold wrap="wrap">
        {taskId ? `Task ${taskId} is still running.` : 'The task is being created.'} Quit how?
      </Text>
      <Text wrap="wrap">
        <Text bold color="cyan">
          d
        </Text>{' '}
        {resumable
          ? 'detach: it goes on on the server; resume with lemonvideo wait'
          : 'leave it: the built-in simulator stops with the app, and the task with it'}
        {mark('detach')}
      </Text>
      <Text wrap="wrap">
        <Text bold color="cyan">
          c
        </Text>{' '}
        cancel it, where the model allows{mark('cancel')}
      </Text>
      <Text wrap="wrap">
        <Text bold color="cyan">
          k
        </Text>{' '}
        keep waiting (esc)
      </Text>
    </Box>
  );
}
