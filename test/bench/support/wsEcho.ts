/**
 * The XFS4IoT baseline: a bare WebSocket server (the same `ws` library, loopback) that answers each message with
 * two of the same size — as an XFS4IoT service answers a command with an acknowledge and a completion — and a
 * client that sends one and waits for the second answer. No JSON schema, no protocol.
 */
import { WebSocket, WebSocketServer } from 'ws';

/** About the size of a Common.Status command on the wire. */
export const STATUS_SIZED = JSON.stringify({ header: { type: 'command', name: 'Common.Status', requestId: 1, version: '2.0' }, payload: {} });

export interface EchoRig {
  roundTrip(): Promise<void>;
  close(): Promise<void>;
}

export async function startEcho(message: string): Promise<EchoRig> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      socket.send(data);
      socket.send(data);
    }),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  /** Answers still due: each waiter resolves on its second. */
  const waiting: { left: number; resolve(): void }[] = [];
  client.on('message', () => {
    const first = waiting[0];
    if (!first) return;
    first.left -= 1;
    if (first.left === 0) {
      waiting.shift();
      first.resolve();
    }
  });
  return {
    roundTrip: () =>
      new Promise<void>((resolve) => {
        waiting.push({ left: 2, resolve });
        client.send(message);
      }),
    async close() {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
