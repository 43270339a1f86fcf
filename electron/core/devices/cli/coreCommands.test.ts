import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetryPayloadSchema } from '../../../../common/wire/telemetry';
import type { KioskSnapshot } from '../../../contract/snapshot';
import { diagnosticsRig } from '../../maintenance/diagnostics/testing';
import { verifyAuditChain } from '../../store/auditLog';
import { startControlSocket } from '../../updates/controlSocket';
import type { DeviceManager } from '..';
import { parseOptions } from './options';

/**
 * The devices CLI's dead letters and "bin emptied" from a technician's
 * laptop: through the running core's control socket (a real unix socket, a
 * real store), audited in the technician's name; refused clearly when no
 * core answers, and while the kiosk is busy.
 */

const cli = fileURLToPath(new URL('./main.ts', import.meta.url));
type Run = { code: number; stdout: string; stderr: string };
function devices(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}
const runs = (n: number) => ({ timeout: n * 30_000 + 10_000 });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function kiosk() {
  // The bin's reset is the store's alone: a card slot is fitted, nothing of it is touched.
  const diag = await diagnosticsRig({ devices: { cardSlot: { onCount: () => undefined } } as unknown as DeviceManager });
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
  const path = join(dir, 'control.sock');
  const state = { busy: false };
  const socket = await startControlSocket({
    path,
    version: '1.0.0',
    kioskId: 'KIOSK-TEST',
    snapshot: () => ({ session: null, appState: { state: 'available' }, devices: {} }) as unknown as KioskSnapshot,
    rollout: () => null,
    sync: null,
    telemetry: diag.telemetry,
    log: pino({ level: 'silent' }),
    now: () => Date.now(),
    maintenance: { diagnostics: diag.service, kioskBusy: () => state.busy },
  });
  cleanups.push(() => diag.dispose(), () => rmSync(dir, { recursive: true, force: true }), () => socket.close());
  const actors = () => diag.store.read((tx) => tx.all(z.object({ actor: z.string(), action: z.string() }), 'SELECT actor, action FROM audit_log ORDER BY seq'));
  return { diag, path, state, actors };
}

describe('devices CLI: dead letters and bin emptied through the running core', () => {
  it('parses: retry and discard need a transaction id and --technician; list needs neither', () => {
    expect(parseOptions(['dead-letters'])).toMatchObject({ command: 'dead-letters', core: { action: 'list', socket: '/run/kiosk/control.sock' } });
    expect(parseOptions(['dead-letters', 'retry', 'KIOSK-TEST-0001', '--technician', '1001', '--control-socket', '/tmp/x.sock'])).toMatchObject({ core: { action: 'retry', txId: 'KIOSK-TEST-0001', technicianId: '1001', socket: '/tmp/x.sock' } });
    expect(() => parseOptions(['dead-letters', 'retry', '--technician', '1001'])).toThrow('needs the dead letter');
    expect(() => parseOptions(['dead-letters', 'discard', 'KIOSK-TEST-0001'])).toThrow('--technician');
    expect(() => parseOptions(['bin-emptied'])).toThrow('--technician');
    expect(() => parseOptions(['dead-letters', 'purge'])).toThrow('list, retry TXID or discard TXID');
  });

  it('lists, retries and discards dead letters, and empties the bin, each audited as the technician and sent', runs(4), async () => {
    const k = await kiosk();
    const first = await k.diag.outbox.add({ kind: 'telemetry', payload: { seq: 1 } });
    const second = await k.diag.outbox.add({ kind: 'audit', payload: { seq: 2 } });
    await k.diag.outbox.settle([
      { txId: first, status: 'rejected', code: 'payload_invalid' },
      { txId: second, status: 'rejected', code: 'kind_unknown' },
    ]);
    await k.diag.store.write((tx) => tx.run("INSERT INTO device_counters (device, counter, value, updated_at) VALUES ('cardSlot', 'retainBin', 7, 0)", []));

    const listed = await devices('dead-letters', '--control-socket', k.path, '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { deadLetters: { txId: string }[] }).deadLetters.map((d) => d.txId)).toEqual([first, second]);

    const retried = await devices('dead-letters', 'retry', first, '--technician', '001001', '--control-socket', k.path);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toContain('technician:1001');
    const discarded = await devices('dead-letters', 'discard', second, '--technician', '1001', '--control-socket', k.path, '--json');
    expect(JSON.parse(discarded.stdout)).toMatchObject({ ok: true, deadLetters: [] });

    const emptied = await devices('bin-emptied', '--technician', '1001', '--control-socket', k.path, '--json');
    expect(JSON.parse(emptied.stdout)).toMatchObject({ ok: true, before: 7, retainBin: 0 });

    expect(await k.actors()).toEqual([
      { actor: 'technician:1001', action: 'telemetry.diagnostics.action' },
      { actor: 'technician:1001', action: 'telemetry.diagnostics.action' },
      { actor: 'technician:1001', action: 'telemetry.diagnostics.action' },
    ]);
    expect(await k.diag.store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true });
    const sent = (await k.diag.sent()).filter((p) => p.type === 'diagnostics.action').map((p) => telemetryPayloadSchema.parse(p));
    expect(sent.map((p) => (p.type === 'diagnostics.action' ? [p.action, p.count] : null))).toEqual([
      ['deadLetter.retry', null],
      ['deadLetter.discard', null],
      ['cardSlot.binEmptied', 7],
    ]);
  });

  it('refuses clearly: the bin while the kiosk is busy, an unknown dead letter, and everything when no core answers', runs(3), async () => {
    const k = await kiosk();
    k.state.busy = true;
    const busy = await devices('bin-emptied', '--technician', '1001', '--control-socket', k.path);
    expect(busy.code).toBe(7);
    expect(busy.stderr).toContain('a customer is being served');
    const unknown = await devices('dead-letters', 'retry', 'KIOSK-TEST-NOSUCH', '--technician', '1001', '--control-socket', k.path);
    expect(unknown.code).toBe(7);
    expect(unknown.stderr).toContain('no dead letter has that transaction id');
    const stopped = await devices('dead-letters', '--control-socket', join(tmpdir(), 'no-such-kiosk.sock'));
    expect(stopped.code).toBe(7);
    expect(stopped.stderr).toMatch(/kiosk core is not running.*only the running core writes/);
    expect(await k.actors(), 'nothing was changed or audited').toEqual([]);
  });
});
