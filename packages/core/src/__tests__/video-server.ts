import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/**
 * A real HTTP server on a free loopback port that answers every request with `answer`; closed
 * after each test. `requests()` counts what it received.
 */
export async function videoServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  let received = 0;
  const server = createServer((req, res) => {
    received += 1;
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/video.mp4`, requests: () => received };
}

/** Answers with `headers`, then sends `sent` zero bytes and leaves the connection open, silent. */
export const sendThenStall =
  (sent: number, headers: Record<string, string>) => (_: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, headers);
    res.write(Buffer.alloc(sent));
  };

/** A video of `size` bytes, sent whole. */
export const video =
  (size: number, headers: Record<string, string> = { 'content-type': 'video/mp4' }) =>
  (_: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-length': String(size), ...headers });
    res.end(Buffer.alloc(size, 1));
  };
