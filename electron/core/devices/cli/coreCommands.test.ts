import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { telemetryPayloadSchema } from '../../../../common/wire/telemetry';
import type { KioskSnapshot } from '../../../contract/snapshot';
import { diagnosticsRig } from '../../maintenance/diagnostics/testing/diagnosticsRig';
import { LockoutBook } from '../../maintenance/lockout';
import { TechnicianPinCheck } from '../../maintenance/pinCheck';
import type { CentralPinCheck } from '../../maintenance/centralPin';
import { ManualClock } from '../../sync/testing/manualClock';
import { verifyAuditChain } from '../../store/auditLog';
import { startControlSocket } from '../../updates/controlSocket';
import type { DeviceManager } from '..';
import { parseOptions } from './options';
import { type CliRun, runDevicesCli } from './testing/runDevicesCli';
import { standalone } from '../../../../common/testing/standalone';

/**
 * The devices CLI's dead letters and "bin emptied" from a technician's
 * laptop: through the running core's control socket (a real unix socket, a
 * real store), audited in the technician's name, each only with the
 * technician's PIN on stdin, checked by the core's own PIN check (its
 * lockout, every attempt audited); refused clearly when no core answers,
 * while the kiosk is busy, and on a wrong PIN.
 */
const PIN = '2468';

/** The CLI with `args`, and `stdin` as what the technician types (the PIN's line). */
const devicesWith = (stdin: string, ...args: string[]): Promise<CliRun> => runDevicesCli(args, stdin);
const devices = (...args: string[]): Promise<CliRun> => devicesWith(`${PIN}\n`, ...args);
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
  const state = { busy: false, central: 'up' as 'up' | 'down' | 'throttled', centralChecks: 0 };
  // The overlay's check: central (here a stand-in that knows technician 1001), else the pushed verifier, one lockout book.
  const clock = new ManualClock();
  const verdictOf = (id: string, pin: unknown) => (id === '1001' && pin === PIN ? { outcome: 'verified' as const, name: 'Technician One' } : { outcome: 'wrong' as const });
  const pinCheck = new TechnicianPinCheck(
    {
      clock,
      log: pino({ level: 'silent' }),
      checkWithCentral: async (id, pin): Promise<CentralPinCheck> => {
        state.centralChecks += 1;
        if (state.central === 'throttled') return { outcome: 'throttled', retryAfterMs: 30_000 };
        return state.central === 'down' ? { outcome: 'unreachable' } : verdictOf(id, pin);
      },
      offlineCheck: async (id, pin) => verdictOf(id, pin),
      record: (fact, actor) => diag.telemetry.recordAs(actor, fact),
    },
    new LockoutBook(),
  );
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
    maintenance: { diagnostics: diag.service, kioskBusy: () => state.busy, pinCheck },
  });
  cleanups.push(() => diag.dispose(), () => rmSync(dir, { recursive: true, force: true }), () => socket.close());
  const actors = () => diag.store.read((tx) => tx.all(z.object({ actor: z.string(), action: z.string() }), "SELECT actor, action FROM audit_log WHERE action <> 'telemetry.maintenance.pin' ORDER BY seq"));
  const pinAttempts = async () =>
    (await diag.store.read((tx) => tx.all(z.object({ detail: z.string() }), "SELECT detail FROM audit_log WHERE action = 'telemetry.maintenance.pin' ORDER BY seq"))).map(
      (r) => JSON.parse(r.detail) as { entry: string; outcome: string; checkedBy: string },
    );
  return { diag, path, state, actors, pinAttempts };
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
    expect((await k.pinAttempts()).map((a) => [a.entry, a.outcome, a.checkedBy])).toEqual([
      ['cli', 'verified', 'central'],
      ['cli', 'verified', 'central'],
      ['cli', 'verified', 'central'],
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

  it('asks the PIN on stdin, never on the command line, and refuses a change on a wrong one (exit 8), the overlay’s lockout counting it', runs(5), async () => {
    const k = await kiosk();
    await k.diag.store.write((tx) => tx.run("INSERT INTO device_counters (device, counter, value, updated_at) VALUES ('cardSlot', 'retainBin', 3, 0)", []));
    const none = await devicesWith('', 'bin-emptied', '--technician', '1001', '--control-socket', k.path);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no PIN on stdin');
    expect(() => parseOptions(['bin-emptied', '--technician', '1001', '--pin', PIN])).toThrow();
    const wrong = await devicesWith('1111\n', 'bin-emptied', '--technician', '1001', '--control-socket', k.path, '--json');
    expect(wrong.code).toBe(8);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, exitCode: 8, pin: { outcome: 'wrong', attemptsLeft: 4 } });
    expect(wrong.stdout + wrong.stderr).not.toMatch(standalone('1111'));
    // Central down: checked offline, under the same count.
    k.state.central = 'down';
    const offline = await devicesWith('2222\n', 'dead-letters', 'discard', 'KIOSK-TEST-0001', '--technician', '1001', '--control-socket', k.path);
    expect(offline.code).toBe(8);
    expect(offline.stderr).toContain('wrong PIN: 3 tries left');
    // Central's 429: not checked offline, nothing counted.
    k.state.central = 'throttled';
    const throttled = await devicesWith(`${PIN}\n`, 'bin-emptied', '--technician', '1001', '--control-socket', k.path);
    expect(throttled.code).toBe(8);
    expect(throttled.stderr).toContain('too many PIN checks');
    expect(await k.actors(), 'nothing was changed').toEqual([]);
    expect((await k.pinAttempts()).map((a) => [a.entry, a.outcome, a.checkedBy])).toEqual([
      ['cli', 'wrong', 'central'],
      ['cli', 'wrong', 'offline'],
      ['cli', 'throttled', 'none'],
    ]);
    k.state.central = 'up';
    const right = await devices('bin-emptied', '--technician', '1001', '--control-socket', k.path, '--json');
    expect(JSON.parse(right.stdout)).toMatchObject({ ok: true, before: 3 });
  });

  it('five wrong PINs lock the technician out for the CLI as for the overlay; the right PIN is then refused unchecked', runs(6), async () => {
    const k = await kiosk();
    for (let i = 0; i < 5; i++) expect((await devicesWith('1111\n', 'bin-emptied', '--technician', '1001', '--control-socket', k.path)).code).toBe(8);
    const checks = k.state.centralChecks;
    const locked = await devices('bin-emptied', '--technician', '1001', '--control-socket', k.path);
    expect(locked.code).toBe(8);
    expect(locked.stderr).toContain('maintenance entry is locked');
    expect(k.state.centralChecks, 'not even sent to central').toBe(checks);
    expect((await k.pinAttempts()).map((a) => a.outcome)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'lockedOut', 'refusedWhileLocked']);
  });
});
