// The proxy in a process of its own, forwarding to SIMULATOR_URL, so its memory can be read
// alone: GET /__heap answers its heap after a garbage collection. Run with --expose-gc.
import { createServer } from 'node:http';
import { createNodeProxyHandler } from '@lemonvideo/proxy/node';

const proxy = createNodeProxyHandler({
  apiKey: process.env.SIMULATOR_API_KEY,
  baseURL: process.env.SIMULATOR_URL,
});
const server = createServer((req, res) => {
  if (req.url === '/__heap') {
    globalThis.gc();
    res.end(JSON.stringify({ heapUsed: process.memoryUsage().heapUsed }));
    return;
  }
  proxy(req, res);
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`),
);
