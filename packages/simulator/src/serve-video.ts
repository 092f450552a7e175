import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { stalledPart } from './deliver-reply';
import type { ResolvedFault } from './faults';

/** The clip every completed task links to; next to `src/` and `dist/` alike. */
export const clipPath = fileURLToPath(new URL('../assets/simulator-clip.mp4', import.meta.url));

/** The path of a task's video on the simulator. */
export const videoPath = (taskId: string): string => `/videos/${taskId}.mp4`;

/**
 * Serves `clip` like a CDN: no auth, `Accept-Ranges`, and `Range` answered with 206 (or 416),
 * which browsers need to play and seek. A malformed or multi-part range gets the whole file.
 * A `cut` fault sends half the body and drops the connection; a `stall` sends its first bytes
 * and then nothing.
 */
export function serveVideo(
  req: IncomingMessage,
  res: ServerResponse,
  clip: Buffer,
  fault?: ResolvedFault,
): void {
  const range = byteRange(req.headers.range, clip.length);
  const headers = {
    'Content-Type': 'video/mp4',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'public, max-age=3600',
    'Access-Control-Allow-Origin': '*',
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${clip.length}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: clip.length - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': String(end - start + 1),
    ...(range && { 'Content-Range': `bytes ${start}-${end}/${clip.length}` }),
  });
  const body = clip.subarray(start, end + 1);
  if (req.method === 'HEAD') res.end();
  else if (fault?.kind === 'cut') {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  } else if (fault?.kind === 'stall') res.write(stalledPart(body));
  else res.end(body);
}

function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start >= size || start > end ? 'unsatisfiable' : { start, end };
}
