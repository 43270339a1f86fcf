import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { DEFAULT_RULES } from '../../../common/rules';
import { KioskConfigStore } from '../../../central/kiosks/config';
import { defaultConfig } from '../config/schema';
import { createLogger } from '../log';
import { verifyAuditChain } from '../store/auditLog';
import { readConfiguration } from '../store/configuration';
import { Outbox } from '../store/outbox';
import { openTempStore } from '../store/testing/tempStore';
import { transactionIds } from '../store/transactionId';
import type { AppliedConfig } from './configRefresh';
import { IdentityKeeper } from './identityKeeper';
import { defaultOutboxPaceMs } from './syncOptions';
import type { SyncStatus } from './syncOptions';
import { SyncService } from './syncService';
import { FakeCentral } from './testing/fakeCentral';
import { ManualClock } from './testing/manualClock';

/** The reference central's own document, at a version and support number of the spec's choosing. */
const centralConfigBody = (version: string, supportNumber = '920020405') => {
  const body = new KioskConfigStore(DEFAULT_RULES).current();
  return { ...body, configVersion: version, branding: { ...body.branding, supportNumber } };
};

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(options: { personPresent?: () => boolean; pauses?: number[] } = {}) {
  const s = await openTempStore();
  const clock = new ManualClock();
  const central = new FakeCentral();
  const outbox = new Outbox(s.store, s.dataKey, { newTxId: transactionIds('KIOSK-TEST', { now: () => clock.now() }), now: () => clock.now() });
  const calls = { outOfService: [] as [boolean, string | null][], reloads: 0, configs: [] as AppliedConfig[], uploads: 0 };
  const identity = new IdentityKeeper(
    { kioskId: 'KIOSK-0000TEST', privateKeyPem: 'unused', certificatePem: 'unused', caPem: null, notBefore: clock.now() - 1000, notAfter: clock.now() + 7 * 86_400_000, enrolledAt: 0 },
    { store: s.store, masterKey: s.masterKey, client: central, now: () => clock.now() },
  );
  const logLines: string[] = [];
  const sync = new SyncService({
    store: s.store,
    outbox,
    client: central,
    identity,
    baseConfig: defaultConfig,
    log: createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString()), done()) }) }),
    clock,
    random: () => 0.5,
    versions: { app: '0.1.0' },
    hooks: {
      status: () => ({ appState: 'available', mode: 'government', devices: [{ device: 'printer', status: 'online' }] }),
      setOutOfService: (on, reason) => calls.outOfService.push([on, reason]),
      reloadUi: () => void calls.reloads++,
      uploadLogs: async () => (calls.uploads++, ok()),
      applyConfig: (applied) => calls.configs.push(applied),
      ...(options.personPresent ? { personPresent: options.personPresent } : {}),
    },
    pause: async (ms) => void options.pauses?.push(ms),
  });
  clock.quiesce = () => sync.whenIdle();
  const reach: boolean[] = [];
  const statuses: SyncStatus[] = [];
  sync.onReachability((r) => reach.push(r));
  sync.onStatus((st) => statuses.push(st));
  cleanup.push(async () => {
    await sync.stop();
    await s.dispose();
  });
  return { ...s, clock, central, outbox, sync, calls, reach, statuses, logLines };
}

describe('SyncService', () => {
  it('freshHeartbeat: one heartbeat when none is in flight, a new one after one in flight, and its own answer (not any other call to central)', async () => {
    const { sync, clock, central } = await setup();
    await sync.start();
    await clock.advance(0);
    const before = central.heartbeats.length;
    expect(await sync.freshHeartbeat()).toMatchObject({ ok: true });
    expect(central.heartbeats.length - before, 'once is enough').toBe(1);
    // One in flight (started before the call) is waited out, and a new one sent.
    const inFlight = sync.heartbeatNow();
    const fresh = sync.freshHeartbeat();
    await inFlight;
    await fresh;
    expect(central.heartbeats.length - before).toBe(3);
    // Central refuses the heartbeat while the outbox still gets through: lastContactAt moves, the heartbeat was not accepted.
    const answer = central.heartbeat.bind(central);
    central.heartbeat = async () => ({ ok: false, error: { type: 'problem', status: 503, code: 'overloaded', detail: 'busy' } }) as never;
    await sync.record({ kind: 'audit', payload: { n: 1 } });
    const contact = (await sync.status()).lastContactAt;
    await sync.drainNow();
    expect((await sync.status()).lastContactAt).toBeGreaterThanOrEqual(contact ?? 0);
    expect(await sync.freshHeartbeat()).toMatchObject({ ok: false });
    central.heartbeat = answer;
  });

  it('sends a heartbeat at start and then every 30 s (± jitter), with state, devices, versions, queue depth and clock', async () => {
    const { sync, clock, central, outbox } = await setup();
    central.down = true; // keep the outbox in the queue so the depth shows
    await outbox.add({ kind: 'telemetry', payload: { n: 1 } });
    central.down = false;
    await sync.start();
    await clock.advance(0);
    expect(central.heartbeats).toHaveLength(1);
    expect(central.heartbeats[0]).toMatchObject({
      appState: 'available',
      mode: 'government',
      devices: [{ device: 'printer', status: 'online' }],
      versions: { app: '0.1.0', config: 'none' },
      clock: new Date(1_700_000_000_000).toISOString(),
    });
    expect(central.heartbeats[0]?.queueDepth).toBeGreaterThanOrEqual(0);
    await clock.advance(29_999);
    expect(central.heartbeats).toHaveLength(1);
    await clock.advance(1);
    expect(central.heartbeats).toHaveLength(2);
  });

  it('runs each remote command once and acknowledges it once, even when central repeats it', async () => {
    const { sync, clock, central, calls } = await setup();
    central.pending = [
      { id: 'CMD-000000000001', issuedAt: new Date().toISOString(), type: 'outOfService', reason: 'maintenance visit' },
      { id: 'CMD-000000000002', issuedAt: new Date().toISOString(), type: 'reloadUi' },
    ];
    const realAck = central.acknowledgeCommand.bind(central);
    let failFirst = true;
    central.acknowledgeCommand = async (id, outcome, detail) => {
      if (id === 'CMD-000000000002' && failFirst) {
        failFirst = false;
        return { ok: false, error: { type: 'unreachable', cause: 'timeout', detail: 'lost' } };
      }
      return realAck(id, outcome, detail);
    };
    await sync.start();
    await clock.advance(0);
    await clock.advance(30_000);
    await clock.advance(30_000);
    expect(calls.outOfService).toEqual([[true, 'maintenance visit']]);
    expect(calls.reloads).toBe(1);
    expect(central.acks.map((a) => a.id)).toEqual(['CMD-000000000001', 'CMD-000000000002']);
    expect(central.pending).toEqual([]);
  });

  it('acknowledges a command it does not know as failed instead of choking on it', async () => {
    const { sync, clock, central } = await setup();
    central.pending = [{ id: 'CMD-000000000003', issuedAt: new Date().toISOString(), type: 'selfDestruct' } as never];
    await sync.start();
    await clock.advance(0);
    expect(central.acks).toMatchObject([{ id: 'CMD-000000000003', outcome: 'failed' }]);
  });

  it('fetches config when the version differs, applies a good one atomically and keeps it on the next run', async () => {
    const { sync, clock, central, calls, store } = await setup();
    central.currentConfig = { version: '7', etag: '"v7"', body: centralConfigBody('7', '920000007') };
    await sync.start();
    await clock.advance(0);
    expect(calls.configs.map((c) => [c.version, c.config.branding.supportNumber])).toEqual([['7', '920000007']]);
    expect(await store.read((tx) => readConfiguration(tx))).toMatchObject({ version: '7', etag: '"v7"' });
    // Same version next time: no fetch.
    await clock.advance(30_000);
    expect(central.configFetches).toEqual([null]);
    // refreshConfig command with an unchanged ETag: 304, nothing applied again.
    central.pending = [{ id: 'CMD-000000000004', issuedAt: new Date().toISOString(), type: 'refreshConfig' }];
    await clock.advance(30_000);
    expect(central.configFetches).toEqual([null, '"v7"']);
    expect(calls.configs).toHaveLength(1);
    expect(central.acks).toMatchObject([{ id: 'CMD-000000000004', outcome: 'done' }]);
  });

  it('keeps the old config when central sends one the kiosk schema refuses', async () => {
    const { sync, clock, central, calls, store } = await setup();
    central.currentConfig = { version: '7', etag: '"v7"', body: centralConfigBody('7') };
    await sync.start();
    await clock.advance(0);
    central.currentConfig = { version: '8', etag: '"v8"', body: centralConfigBody('8', 'not a number!') };
    central.pending = [{ id: 'CMD-000000000005', issuedAt: new Date().toISOString(), type: 'refreshConfig' }];
    await clock.advance(30_000);
    expect(calls.configs.map((c) => c.version)).toEqual(['7']);
    expect(await store.read((tx) => readConfiguration(tx))).toMatchObject({ version: '7' });
    expect(central.acks).toMatchObject([{ id: 'CMD-000000000005', outcome: 'failed' }]);
    expect(await store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true });
  });

  it('reports central unreachable after 3 failures, and on its return drains the queue at once', async () => {
    const { sync, clock, central, reach, outbox, statuses } = await setup();
    await sync.start();
    await clock.advance(0);
    expect(reach).toEqual([true]);
    central.down = true;
    for (let i = 0; i < 5; i++) await sync.record({ kind: 'audit', payload: { i } });
    await clock.advance(90_000);
    expect(reach).toEqual([true, false]);
    expect((await outbox.stats()).pending).toBe(5);
    expect(statuses.at(-1)).toMatchObject({ reachable: false, queueDepth: 5 });
    central.down = false;
    await sync.heartbeatNow();
    await clock.advance(0);
    expect(reach).toEqual([true, false, true]);
    expect(central.delivered.size).toBe(5);
    expect(statuses.at(-1)).toMatchObject({ reachable: true, queueDepth: 0, deadLetters: 0 });
  });

  it('paces a backlog while a person is at the screen (a pause between batches), and drains flat out when nobody is', async () => {
    let present = true;
    const pauses: number[] = [];
    const { sync, clock, central, outbox } = await setup({ personPresent: () => present, pauses });
    await sync.start();
    await clock.advance(0);
    central.down = true;
    for (let i = 0; i < 250; i++) await sync.record({ kind: 'audit', payload: { i } });
    await clock.advance(90_000);
    central.down = false;
    await sync.heartbeatNow();
    await clock.advance(0);
    // 250 events in 3 batches, the pace between them (none after the last); every event once.
    expect(central.delivered.size).toBe(250);
    expect(pauses).toEqual([defaultOutboxPaceMs, defaultOutboxPaceMs]);
    present = false;
    central.down = true;
    for (let i = 0; i < 150; i++) await sync.record({ kind: 'audit', payload: { j: i } });
    await clock.advance(90_000);
    central.down = false;
    await sync.heartbeatNow();
    await clock.advance(0);
    expect(central.delivered.size).toBe(400);
    expect(pauses).toHaveLength(2);
    expect((await outbox.stats()).pending).toBe(0);
  });

  it('dead-letters a permanently rejected event and reports it', async () => {
    const { sync, clock, statuses, outbox } = await setup();
    await sync.start();
    await clock.advance(0);
    await sync.record({ kind: 'bogus', payload: {} });
    await clock.advance(0);
    expect(await outbox.deadLetters()).toMatchObject([{ kind: 'bogus', code: 'unknown_kind' }]);
    expect(statuses.at(-1)).toMatchObject({ deadLetters: 1, queueDepth: 0 });
  });

  it('never writes a payload or key to the log', async () => {
    const { sync, clock, central, logLines } = await setup();
    await sync.start();
    await clock.advance(0);
    central.down = true;
    await sync.record({ kind: 'audit', payload: { idNumber: '1000000008' } });
    await clock.advance(120_000);
    expect(logLines.join('')).not.toContain('1000000008');
    expect(logLines.join('')).not.toContain('PRIVATE KEY');
  });
});
