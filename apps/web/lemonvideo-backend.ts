import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeProxyHandler } from '@lemonvideo/proxy/node';
import { startSimulator } from '@lemonvideo/simulator';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import {
  apiPrefix,
  type BackendInfo,
  backendInfoGlobal,
  backendInfoPath,
  maxBodyBytes,
} from './src/backend-paths.ts';

/**
 * Serves the API next to the app, in `vite` and `vite preview` alike: the proxy keeps the key
 * on this server. With `LEMONDATA_API_KEY` set it forwards to the real API; without one it
 * starts the simulator (`LEMONVIDEO_SIMULATOR_SPEED` times faster than real, default 10).
 */
export function lemonvideoBackend(): Plugin {
  const mount = async (server: ViteDevServer | PreviewServer) => {
    const key = process.env.LEMONDATA_API_KEY;
    const simulator = key
      ? undefined
      : await startSimulator({
          apiKey: 'sk-lemonvideo-web-simulator',
          speed: Number(process.env.LEMONVIDEO_SIMULATOR_SPEED ?? 10),
        });
    const proxy = createNodeProxyHandler({
      apiKey: key ?? 'sk-lemonvideo-web-simulator',
      baseURL: simulator?.url ?? process.env.LEMONDATA_BASE_URL,
      prefix: apiPrefix,
      maxBodyBytes,
    });
    server.middlewares.use(apiPrefix, (req, res, next) => proxy(req, res, next));
    const info: BackendInfo = { simulator: simulator !== undefined };
    server.middlewares.use(backendInfoPath, (_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader('content-type', 'text/javascript');
      res.end(`globalThis.${backendInfoGlobal} = ${JSON.stringify(info)};\n`);
    });
    server.httpServer?.on('close', () => void simulator?.close());
  };
  return { name: 'lemonvideo-backend', configureServer: mount, configurePreviewServer: mount };
}
