import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import type { KioskSnapshot } from '../../contract/snapshot';
import { startControlSocket } from './controlSocket';
import { CoreClient } from './coreClient';

/** The core's control socket, over a real unix socket, with the updater's own client. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: { session?: boolean; heartbeatOk?: boolean; appState?: { state: string; reason?: string } } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-control-'));
  const path = join(dir, 'control.sock');
  const recorded: TelemetryFact[] = [];
  let heartbeats = 0;
  const snapshot = { session: options.session ? { id: 's' } : null, appState: options.appState ?? { state: options.session ? 'active' : 'available' }, devices: { fingerprint: 'online', cardSlot: 'online', printer: 'offline', magstripe: 'noDevice' } } as unknown as KioskSnapshot;
  const socket = await startControlSocket({
    path,
    version: '1.2.3',
    kioskId: 'KIOSK-1',
    snapshot: () => snapshot,
    rollout: () => null,
    sync: {
      freshHeartbeat: () => {
        heartbeats += 1;
        return Promise.resolve({ at: Date.now(), ok: options.heartbeatOk ?? true, skewMs: 0 });
      },
    },
    telemetry: {
      record: (fact: TelemetryFact) => {
        recorded.push(fact);
        return Promise.resolve(ok(`TX-${recorded.length}`));
      },
    },
    log: pino({ level: 'silent' }),
    now: () => Date.now(),
  });
  cleanups.push(() => socket.close(), () => rmSync(dir, { recursive: true, force: true }));
  return { path, recorded, client: new CoreClient(path), heartbeats: () => heartbeats };
}

function raw(path: string, method: string, url: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method, path: url }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the core’s control socket', () => {
  it('answers who runs, whether a customer is being served, after a fresh heartbeat; only its owner may connect', async () => {
    const idle = await start();
    const status = await idle.client.status();
    expect(status.ok && status.value).toEqual({ kioskId: 'KIOSK-1', version: '1.2.3', idle: true, appState: 'available', rollout: null });
    expect(idle.heartbeats(), 'one fresh heartbeat is enough').toBe(1);
    expect((statSync(idle.path).mode & 0o777).toString(8)).toBe('600');
    const busy = await start({ session: true });
    const serving = await busy.client.status();
    expect(serving.ok && serving.value.idle).toBe(false);
  });

  it('reports health: a heartbeat central answered, ready, and a device offline is not healthy', async () => {
    const k = await start();
    const health = await k.client.health();
    expect(health.ok && health.value).toMatchObject({ version: '1.2.3', heartbeatAccepted: true, ready: true, devicesOk: false });
    const refused = await start({ heartbeatOk: false });
    const old = await refused.client.health();
    expect(old.ok && old.value.heartbeatAccepted).toBe(false);
  });

  it('counts a kiosk held out of service (or by a technician) as up, never one that is not serving for its own reasons; and never installs under a technician', async () => {
    const held = await start({ appState: { state: 'unavailable', reason: 'outOfService' } });
    expect(await held.client.health()).toMatchObject({ value: { ready: true } });
    const technician = await start({ appState: { state: 'unavailable', reason: 'maintenance' } });
    expect(await technician.client.health()).toMatchObject({ value: { ready: true } });
    expect(await technician.client.status()).toMatchObject({ value: { idle: false } });
    const broken = await start({ appState: { state: 'unavailable', reason: 'hardware' } });
    expect(await broken.client.health()).toMatchObject({ value: { ready: false } });
    const starting = await start({ appState: { state: 'starting' } });
    expect(await starting.client.health()).toMatchObject({ value: { ready: false } });
  });

  it('records a valid update step as telemetry, and refuses anything else with a typed error', async () => {
    const k = await start();
    expect((await k.client.report({ step: 'installed', fromVersion: '1.0.0', toVersion: '1.0.1', reason: null })).ok).toBe(true);
    expect(k.recorded).toEqual([{ type: 'update.step', step: 'installed', fromVersion: '1.0.0', toVersion: '1.0.1', reason: null }]);
    expect(await raw(k.path, 'POST', '/v1/update/steps', '{"step":"installed","fromVersion":"1.0.0","toVersion":"1.0.1; rm -rf /","reason":null}')).toMatchObject({ status: 400 });
    expect(await raw(k.path, 'POST', '/v1/update/steps', '{"step":"installed","fromVersion":"1.0.0","toVersion":"1.0.1","reason":null,"extra":1}')).toMatchObject({ status: 400 });
    expect(await raw(k.path, 'POST', '/v1/update/steps', 'not json')).toMatchObject({ status: 400, body: '{"error":"notJson"}' });
    expect(await raw(k.path, 'POST', '/v1/update/steps', 'x'.repeat(10_000))).toMatchObject({ status: 413 });
    expect(await raw(k.path, 'DELETE', '/v1/update/status')).toMatchObject({ status: 404 });
    expect(k.recorded).toHaveLength(1);
  });
});
