import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { KioskCore } from '../../electron/core/kiosk';
import { type BrowserHost, startBrowserHost } from '../../electron/host/server';

/**
 * Issue 9, the kiosk side: the browser host's RPC WebSocket opens only for the
 * per-launch token, our own Origin and our own Host; everything else is
 * refused before the core hears of it.
 */
describe('the browser host WebSocket', () => {
  let host: BrowserHost;
  let dir: string;
  let token = '';
  let connections = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'host-probe-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const core = { connect: () => ((connections += 1), () => undefined) } as unknown as KioskCore;
    host = await startBrowserHost({ core, rendererDir: dir, log: pino({ level: 'silent' }) });
    token = new URL(host.launchUrl).hash.replace(/^#token=/, '');
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  const port = (): string => new URL(host.origin).port;
  const upgrade = (path: string, headers: Record<string, string>): Promise<number> =>
    new Promise((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port()}${path}`, { headers });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(0));
    });

  it('keeps the token out of every request line: it travels in the launch URL fragment only', () => {
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.launchUrl).toBe(`${host.origin}/#token=${token}`);
  });

  type Case = readonly [string, () => string, () => Record<string, string>, number];
  const cases: Case[] = [
    ['no token', () => '/rpc', () => ({ origin: host.origin }), 403],
    ['a wrong token of the right length', () => `/rpc?token=${'0'.repeat(64)}`, () => ({ origin: host.origin }), 403],
    ['a truncated token', () => `/rpc?token=${token.slice(0, 32)}`, () => ({ origin: host.origin }), 403],
    ['the right token from a foreign Origin', () => `/rpc?token=${token}`, () => ({ origin: 'http://attacker.example' }), 403],
    ['the right token from a null Origin (a sandboxed frame or file page)', () => `/rpc?token=${token}`, () => ({ origin: 'null' }), 403],
    ['the right token with no Origin at all', () => `/rpc?token=${token}`, () => ({}), 403],
    ['the right token and Origin with a foreign Host (DNS rebinding)', () => `/rpc?token=${token}`, () => ({ origin: host.origin, host: `attacker.example:${port()}` }), 403],
    ['the right token on another path spelling', () => `/%72pc?token=${token}`, () => ({ origin: host.origin }), 404],
    ['the right token on a trailing-slash path', () => `/rpc/?token=${token}`, () => ({ origin: host.origin }), 404],
  ];
  it.each(cases)('an upgrade with %s is refused (%#) and the core never hears of it', async (_what, path, headers, status) => {
    const before = connections;
    expect(await upgrade(path(), headers())).toBe(status);
    expect(connections).toBe(before);
  });

  it('the right token, Origin and Host open it', async () => {
    const before = connections;
    expect(await upgrade(`/rpc?token=${token}`, { origin: host.origin })).toBe(101);
    expect(connections).toBe(before + 1);
  });

  it('plain HTTP with a foreign Host is 421, with ours 200', async () => {
    const get = (hostHeader: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: port(), path: '/', headers: { host: hostHeader } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get(`attacker.example:${port()}`)).toBe(421);
    expect(await get(`127.0.0.1:${port()}`)).toBe(200);
  });
});

describe('the browser host WebSocket, when a message breaks the rules', () => {
  it('an oversize message closes that socket with 1009, the core lets go of it, and the log says why (so a dropped renderer is never a mystery)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'host-oversize-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    let open = 0;
    const core = { connect: () => ((open += 1), () => void (open -= 1)) } as unknown as KioskCore;
    const host = await startBrowserHost({ core, rendererDir: dir, log });
    try {
      const token = new URL(host.launchUrl).hash.replace(/^#token=/, '');
      const socket = new WebSocket(`${host.origin.replace(/^http/, 'ws')}/rpc?token=${token}`, { headers: { origin: host.origin } });
      await new Promise((resolve) => socket.once('open', resolve));
      expect(open).toBe(1);
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send('x'.repeat(64 * 1024 + 1));
      expect(await closed).toBe(1009);
      await expect.poll(() => open).toBe(0);
      const error = lines.find((line) => line.event === 'host.renderer.socketError');
      expect(error).toMatchObject({ level: 40, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
      expect(lines.find((line) => line.event === 'host.renderer.disconnected')).toMatchObject({ code: 1006 });
    } finally {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
