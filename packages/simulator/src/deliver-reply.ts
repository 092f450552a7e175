import type { ServerResponse } from 'node:http';
import type { ResolvedFault } from './faults';
import { encodeReply, type Reply, writeReply } from './reply';

/** What a `stall` sends before it goes silent: 1,000 bytes, or half of a shorter body. */
export function stalledPart(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, Math.min(1_000, Math.floor(bytes.length / 2)));
}

/**
 * Writes `reply`, bent by a fault that asks for a slow, lost, cut or truncated answer. `hold`
 * schedules the slow answer (the caller owns the timer, so closing the server can clear it).
 */
export function deliverReply(
  res: ServerResponse,
  reply: Reply,
  fault: ResolvedFault | undefined,
  hold: (send: () => void, ms: number) => void,
): void {
  const send = () => {
    if (res.destroyed) return;
    switch (fault?.kind) {
      case 'reset-after-create':
        res.destroy();
        return;
      case 'cut':
      case 'stall':
      case 'truncated': {
        const { headers, bytes } = encodeReply(reply);
        const half = bytes.subarray(0, Math.floor(bytes.length / 2));
        if (fault.kind === 'stall') {
          res.writeHead(reply.status, headers);
          res.write(stalledPart(bytes));
          return;
        }
        if (fault.kind === 'truncated') {
          res.writeHead(reply.status, { ...headers, 'Content-Length': String(half.length) });
          res.end(half);
        } else {
          res.writeHead(reply.status, headers);
          res.write(half, () => res.destroy());
        }
        return;
      }
      default:
        writeReply(res, reply);
    }
  };
  if (fault?.kind === 'slow') hold(send, fault.delayMs);
  else send();
}
