import type { HistoryEntry } from '../history-store';

/**
 * A history entry for tests: a pending task `task_1` of the prompt "a cat" on `api.example`,
 * made and changed 2026-01-01, with whatever `patch` sets instead.
 */
export const historyEntry = (patch: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: 'task_1',
  localId: null,
  status: 'pending',
  params: { prompt: 'a cat' },
  api: { host: 'api.example', simulator: false, embedded: false },
  result: null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});
