import type { LemonVideo } from '@lemonvideo/core';
import { createContext, type ReactNode, useContext } from 'react';

const LemonVideoContext = createContext<LemonVideo | null>(null);

/** The props of `LemonVideoProvider`. */
export interface LemonVideoProviderProps {
  /** The client every hook below uses, e.g. `new LemonVideo({ baseURL: '/api/lemonvideo' })`. */
  client: LemonVideo;
  /** The tree whose hooks use `client`. */
  children?: ReactNode;
}

/** Makes `client` available to the hooks of this package. */
export function LemonVideoProvider({ client, children }: LemonVideoProviderProps) {
  return <LemonVideoContext.Provider value={client}>{children}</LemonVideoContext.Provider>;
}

/** The client of the nearest `LemonVideoProvider`. */
export function useLemonVideo(): LemonVideo {
  const client = useContext(LemonVideoContext);
  if (client === null) {
    throw new Error('useLemonVideo: wrap your app in <LemonVideoProvider client={...}>.');
  }
  return client;
}
