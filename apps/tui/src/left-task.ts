/** What the app and the CLI say of a task they stop following while it runs. */
export function leftTaskMessage(taskId: string, resumable: boolean): string {
  return resumable
    ? `Detached from task ${taskId}: it goes on on the server. Resume with: lemonvideo wait ${taskId}`
    : `Left task ${taskId} on the built-in simulator, which stops with lemonvideo.`;
}
