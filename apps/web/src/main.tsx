import { LemonVideo } from '@lemonvideo/core';
import { LemonVideoProvider } from '@lemonvideo/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { apiPrefix } from './backend-paths';
import './styles.css';

// No key here: the proxy on this app's server adds it.
const client = new LemonVideo({ baseURL: apiPrefix });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LemonVideoProvider client={client}>
      <App />
    </LemonVideoProvider>
  </StrictMode>,
);
