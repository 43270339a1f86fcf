import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import type { RunningCentral } from '../../../central/server';
import { defaultConfig } from '../config/schema';
import { createLogger } from '../log';
import { readIdentity } from '../store/identity';
import { openKioskData, startSync } from './startSync';
import type { AppliedConfig } from './configRefresh';
import { centralOutbox, startTestCentral } from './testing/centralFixture';
import { ManualClock } from './testing/manualClock';

let central: RunningCentral;
let closeCentral: () => Promise<void>;
beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral());
});
afterAll(async () => closeCentral());

describe('startSync with the reference central', () => {
  it('enrols on first start, then heartbeats, runs commands, applies config and drains the outbox', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kiosk-data-'));
    const clock = new ManualClock(Date.now());
    const config = { ...defaultConfig, central: { url: central.url, embedded: false, caFile: central.caCertPath } };
    const data = await openKioskData({ config, dataDir, env: {}, clock });
    if (!data.ok) throw new Error(data.error.type);
    const outOfService: boolean[] = [];
    const applied: AppliedConfig[] = [];
    const logLines: string[] = [];
    const started = await startSync({
      data: data.value,
      config,
      caPem: central.caCertPem,
      enrolmentCode: await central.issueEnrolmentCode(),
      log: createLogger({ level: 'debug', destination: new Writable({ write: (c: Buffer, _e, done) => (logLines.push(c.toString()), done()) }) }),
      versions: { app: '0.1.0' },
      clock,
      hooks: {
        status: () => ({ appState: 'available', mode: 'government', devices: [] }),
        setOutOfService: (on) => void outOfService.push(on),
        reloadUi: () => undefined,
        uploadLogs: async () => ok(),
        applyConfig: (a) => void applied.push(a),
      },
    });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const sync = started.value;
    clock.quiesce = () => sync.whenIdle();
    try {
      await clock.advance(0);
      expect(sync.reachable).toBe(true);
      expect(applied.length).toBe(1);
      const identity = await data.value.store.read((tx) => readIdentity(tx, data.value.masterKey));
      const kioskId = identity!.kioskId;
      expect(await central.queueCommand(kioskId, 'outOfService', 'technician visit')).toMatchObject({ type: 'outOfService' });
      const txId = await sync.record({ kind: 'audit', payload: { action: 'test' } });
      await clock.advance(33_000);
      expect(outOfService).toEqual([true]);
      expect((await centralOutbox(central, kioskId)).has(txId)).toBe(true);
      expect(await sync.status()).toMatchObject({ reachable: true, queueDepth: 0, deadLetters: 0, certificate: 'valid' });
      expect(logLines.join('')).not.toContain('PRIVATE KEY');
    } finally {
      await sync.stop();
      await data.value.store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
