import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface DoubleRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The client certificate's subject CN, if one was presented and verified. */
  clientCn: string | null;
}

type DoubleAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

/**
 * A tiny HTTPS server on 127.0.0.1 that asks for a client certificate and
 * answers from a function: for the few client behaviours the reference
 * central cannot be made to show on demand.
 */
export async function startHttpsDouble(tls: { caPem: string; certificatePem: string; keyPem: string }, answer: (request: DoubleRequest) => DoubleAnswer | Promise<DoubleAnswer>) {
  const server = createServer({ key: tls.keyPem, cert: tls.certificatePem, ca: tls.caPem, requestCert: true, rejectUnauthorized: false }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      const peer = socket.authorized ? socket.getPeerCertificate() : null;
      const text = Buffer.concat(chunks).toString('utf8');
      void Promise.resolve(
        answer({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined, clientCn: typeof peer?.subject?.CN === 'string' ? peer.subject.CN : null }),
      ).then((a) => {
        if (a === 'drop') {
          socket.destroy();
          return;
        }
        const isProblem = a.status >= 400;
        res.writeHead(a.status, { 'content-type': isProblem ? 'application/problem+json' : 'application/json', ...a.headers });
        res.end(a.body === undefined ? undefined : JSON.stringify(a.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
