import type { ServerResponse } from 'node:http';
import type { ResolvedFault } from './faults';
import { encodeReply, type Reply, writeReply } from './reply';

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
      case 'truncated': {
        const { headers, bytes } = encodeReply(reply);
        const half = bytes.subarray(0, Math.floor(bytes.length / 2));
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
