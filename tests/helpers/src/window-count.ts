/** The most sends in any window of `ms` milliseconds (a send at t counts in (t - ms, t]). */
export function mostInAnyWindow(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
