import { useCallback, useRef, useState } from 'react';

/**
 * `useReducer` whose state a key handler can read at once: several keys can arrive in one
 * chunk of input, before React renders, and each must see what the keys before it did.
 * Returns the rendered state, `dispatch` (which returns the next state) and `latest()`.
 */
export function useSyncReducer<State, Action>(
  reducer: (state: State, action: Action) => State,
  init: () => State,
): [State, (action: Action) => State, () => State] {
  const [state, setState] = useState(init);
  const latest = useRef(state);
  const dispatch = useCallback(
    (action: Action) => {
      latest.current = reducer(latest.current, action);
      setState(latest.current);
      return latest.current;
    },
    [reducer],
  );
  const read = useCallback(() => latest.current, []);
  return [state, dispatch, read];
}

const replace = <State>(_: State, next: State): State => next;

/** `useState` whose latest value a key handler can read at once; see `useSyncReducer`. */
export function useSyncState<State>(initial: State): [State, (next: State) => State, () => State] {
  return useSyncReducer<State, State>(replace, () => initial);
}
