import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock } from 'xstate';
import { DIAGNOSTIC_ACTIONS, telemetryPayloadSchema } from '../../../../common/wire/telemetry';
import { diagnosticActions } from '../../../contract';
import { CLOCK_SKEW_FAIL_MS, CLOCK_SKEW_WARN_MS, networkChecks, OUTBOX_WARN_DEPTH } from './networkChecks';
import { settingSourcesOf } from './systemChecks';
import { diagnosticsRig, healthyNetwork } from './testing/diagnosticsRig';

/** Network and central, system, and the dead letters a technician retries or discards: what each check says and what each action leaves behind. */

const now = 1_800_000_000_000;
const byName = async (...args: Parameters<typeof networkChecks>) => Object.fromEntries((await networkChecks(...args)).checks.map((c) => [c.name, c]));

describe('network checks', () => {
  it('a healthy central is all green', async () => {
    const checks = await byName(healthyNetwork(() => now), true, now);
    expect(Object.values(checks).map((c) => [c.name, c.result])).toEqual([
      ['network.central', 'pass'],
      ['network.heartbeat', 'pass'],
      ['network.clock', 'pass'],
      ['network.certificate', 'pass'],
      ['network.outbox', 'pass'],
      ['network.deadLetters', 'pass'],
    ]);
  });

  it('central down, a skewed clock, an expired certificate, a backlog and dead letters each say so', async () => {
    const source = healthyNetwork(() => now, { reachable: false, certificate: 'expired', certificateNotAfter: now - 1, queueDepth: OUTBOX_WARN_DEPTH, deadLetters: 3 });
    const checks = await byName({ ...source, heartbeatInfo: () => ({ at: now - 10_000, ok: true, skewMs: -CLOCK_SKEW_FAIL_MS }) }, true, now);
    expect(checks['network.central']).toMatchObject({ result: 'fail', code: 'unreachable' });
    expect(checks['network.clock']).toMatchObject({ result: 'fail', code: 'clockSkew', facts: { skewMs: -CLOCK_SKEW_FAIL_MS } });
    expect(checks['network.certificate']).toMatchObject({ result: 'fail', code: 'expired' });
    expect(checks['network.outbox']).toMatchObject({ result: 'warn', code: 'backlog' });
    expect(checks['network.deadLetters']).toMatchObject({ result: 'warn', facts: { deadLetters: 3 } });
    const amber = await byName({ ...source, heartbeatInfo: () => ({ at: now - 200_000, ok: true, skewMs: CLOCK_SKEW_WARN_MS }) }, true, now);
    expect(amber['network.clock']?.result).toBe('warn');
    expect(amber['network.heartbeat']).toMatchObject({ result: 'warn', code: 'stale' });
  });

  it('without sync: red when central is configured (it did not start), amber when the kiosk has none', async () => {
    expect((await networkChecks(null, true, now)).checks[0]).toMatchObject({ result: 'fail', code: 'syncNotStarted' });
    expect((await networkChecks(null, false, now)).checks[0]).toMatchObject({ result: 'warn', code: 'noCentral' });
  });
});

it('settings come from central over the local layer over the file over the defaults', () => {
  expect(settingSourcesOf({ file: { kioskId: 'K', session: {} }, local: { log: {} }, central: ['session'] }, ['kioskId', 'session', 'log', 'mode'])).toEqual({
    kioskId: 'file',
    session: 'central',
    log: 'local',
    mode: 'default',
  });
});

describe('system and dead letters (real store)', () => {
  let rig: Awaited<ReturnType<typeof diagnosticsRig>> | undefined;
  afterEach(async () => {
    await rig?.dispose();
    rig = undefined;
  });

  it('the system check reports versions, configuration, disk, memory and uptime', async () => {
    rig = await diagnosticsRig({ devices: null });
    const system = await rig.service.diagnose('system');
    expect(system.checks.map((c) => c.name)).toEqual(['system.versions', 'system.configuration', 'system.disk', 'system.memory', 'system.uptime']);
    expect(system.checks[0]?.facts).toMatchObject({ app: '0.0.0-test', node: process.versions.node });
    expect(system.checks[1]?.facts).toMatchObject({ version: null, kioskId: 'file' });
    expect(system.checks[2]?.facts.freeMiB).toEqual(expect.any(Number));
  });

  it('a dead letter retried goes back to the outbox as it was (same txId, due now); one discarded goes; both audited and sent; an unknown id changes nothing', async () => {
    rig = await diagnosticsRig({ devices: null });
    const { outbox, service } = rig;
    const first = await outbox.add({ kind: 'telemetry', payload: { seq: 1 } });
    const second = await outbox.add({ kind: 'audit', payload: { seq: 2 } });
    await outbox.settle([
      { txId: first, status: 'rejected', code: 'payload_invalid', detail: 'bad' },
      { txId: second, status: 'rejected', code: 'kind_unknown' },
    ]);
    expect((await service.deadLetters()).map((d) => [d.txId, d.kind, d.code])).toEqual([
      [first, 'telemetry', 'payload_invalid'],
      [second, 'audit', 'kind_unknown'],
    ]);
    expect(await service.deadLetterAction('KIOSK-TEST-NOSUCH', 'retry')).toBeNull();
    expect(await service.deadLetterAction(first, 'retry')).toHaveLength(1);
    expect(await service.deadLetterAction(second, 'discard')).toEqual([]);
    const due = await outbox.due({ maxEvents: 100, maxBytes: 1e9 });
    expect(due.find((e) => e.txId === first)?.payload, 'the retried event is the same, still decryptable').toEqual({ seq: 1 });
    expect(due.some((e) => e.txId === second)).toBe(false);
    const actions = due.filter((e) => e.kind === 'telemetry' && e.txId !== first).map((e) => telemetryPayloadSchema.parse(e.payload));
    expect(actions).toMatchObject([
      { type: 'diagnostics.action', action: 'deadLetter.retry', deadLetter: { kind: 'telemetry', code: 'payload_invalid' } },
      { type: 'diagnostics.action', action: 'deadLetter.discard', deadLetter: { kind: 'audit', code: 'kind_unknown' } },
    ]);
  });
});

it('the contract’s technician tests and the telemetry schema’s actions are the same list (the contract may not import the zod schemas)', () => {
  expect([...diagnosticActions, 'deadLetter.retry', 'deadLetter.discard']).toEqual([...DIAGNOSTIC_ACTIONS]);
});

it('the readiness report runs by itself on the configured schedule, and stops when told', async () => {
  const rig = await diagnosticsRig({ devices: null });
  try {
    const simulated = new SimulatedClock();
    const clock = { setTimeout: (fn: () => void, ms: number) => simulated.setTimeout(fn, ms), clearTimeout: (id: unknown) => simulated.clearTimeout(id as number), now: () => simulated.now() };
    rig.service.scheduleReadiness(clock, 60, false);
    simulated.increment(59 * 60_000);
    expect(rig.service.lastReadiness()).toBeNull();
    simulated.increment(60_000);
    await vi.waitFor(() => expect(rig.service.lastReadiness()?.trigger).toBe('schedule'));
    const first = rig.service.lastReadiness()?.id;
    simulated.increment(60 * 60_000);
    await vi.waitFor(() => expect(rig.service.lastReadiness()?.id).not.toBe(first));
    rig.service.stop();
    // A tick starts the report at once (synchronously): after stop none does.
    const runs = vi.spyOn(rig.service, 'runReadiness');
    simulated.increment(120 * 60_000);
    expect(runs).not.toHaveBeenCalled();
  } finally {
    await rig.dispose();
  }
});
