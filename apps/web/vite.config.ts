import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { lemonvideoBackend } from './lemonvideo-backend.ts';

export default defineConfig({
  plugins: [react(), lemonvideoBackend()],
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
});
