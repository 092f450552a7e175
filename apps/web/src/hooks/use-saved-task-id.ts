import { useCallback, useState } from 'react';

const storageKey = 'lemonvideo:last-task-id';

/** The id of the last task, kept in localStorage so a reload can resume it. */
export function useSavedTaskId(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState(() => localStorage.getItem(storageKey));
  const save = useCallback((next: string | null) => {
    if (next === null) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, next);
    setId(next);
  }, []);
  return [id, save];
}
