import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { maxMessageBytes, webSocketChannel } from '../contract';
import type { KioskCore } from '../core/kiosk';
import type { Logger } from '../core/log';
import { mimeTypeOf, resolveStaticPath } from './staticFiles';

interface BrowserHostOptions {
  core: KioskCore;
  rendererDir: string;
  log: Logger;
  /** 0 picks a free port. The host binds loopback only, whatever is asked. */
  port?: number;
}

export interface BrowserHost {
  /** Origin the UI is served from. */
  origin: string;
  /** What a browser opens: the origin with the per-launch secret in the fragment (never sent to the server in a request line). */
  launchUrl: string;
  close(): Promise<void>;
}

function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

function sameSecret(given: string | null, secret: string): boolean {
  if (!given || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
}

/**
 * The kiosk without Electron: the built renderer on 127.0.0.1 and the core's
 * RPC over a WebSocket that demands the per-launch secret and our own Origin.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { core, rendererDir, log } = options;
  const secret = randomBytes(32).toString('hex');
  let origin = '';
  let allowedHosts: string[] = [];

  const server = createServer((req, res) => void serveFile(req, res));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Security-Policy': contentSecurityPolicy(origin),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    // A page on another origin that rebinds its DNS to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      res.writeHead(421, headers).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = resolveStaticPath(rendererDir, req.url ?? '/');
    if (!path) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(path);
      const immutable = path.includes('/assets/');
      res.writeHead(200, {
        ...headers,
        'Content-Type': mimeTypeOf(path),
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  }

  function refuse(socket: Duplex, status: number, why: string): void {
    log.warn({ event: 'host.upgrade.refused', status }, why);
    socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'upgrade on an unknown path');
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(socket, 403, 'upgrade with a foreign Host');
    if (req.headers.origin !== origin) return refuse(socket, 403, 'upgrade from a foreign origin');
    if (!sameSecret(url.searchParams.get('token'), secret)) return refuse(socket, 403, 'upgrade without the launch secret');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const disconnect = core.connect(webSocketChannel(ws));
      log.info({ event: 'host.renderer.connected' }, 'renderer connected');
      ws.on('close', (code: number, reason: Buffer) => {
        disconnect();
        // The close code says who ended it and why (1001 the page went away, 1006 the line dropped, 1009 too large).
        // 1000 and 1001 are a page closed or reloaded; anything else is a link lost under a person's feet.
        const level = code === 1000 || code === 1001 ? 'info' : 'warn';
        log[level]({ event: 'host.renderer.disconnected', code, reason: reason.toString('utf8').slice(0, 120) }, 'renderer disconnected');
      });
      ws.on('error', (error: Error & { code?: string }) => {
        log.warn({ event: 'host.renderer.socketError', code: error.code }, `renderer socket error: ${error.message}`);
        ws.terminate();
      });
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];

  return {
    origin,
    launchUrl: `${origin}/#token=${secret}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
