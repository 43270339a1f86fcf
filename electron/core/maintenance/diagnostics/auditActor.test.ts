import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyAuditChain } from '../../store/auditLog';
import { diagnosticsProcedures } from './procedures';
import { diagnosticsRig } from './testing/diagnosticsRig';

/** What a signed-in technician does through the maintenance screen is audited in their name, not the kiosk's. */

let rig: Awaited<ReturnType<typeof diagnosticsRig>> | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const auditRows = (r: NonNullable<typeof rig>) => r.store.read((tx) => tx.all(z.object({ actor: z.string(), action: z.string() }), 'SELECT actor, action FROM audit_log ORDER BY seq'));

it('a dead letter retried and a readiness report run by technician 1001 are audited with technician:1001 as the actor; the chain stays intact', async () => {
  rig = await diagnosticsRig({ devices: null });
  const { outbox, service } = rig;
  const letter = await outbox.add({ kind: 'telemetry', payload: { seq: 1 } });
  await outbox.settle([{ txId: letter, status: 'rejected', code: 'payload_invalid' }]);
  const api = diagnosticsProcedures(() => ({ service, technicianId: '1001' }));
  await api.deadLetterAction({ txId: letter, action: 'retry' });
  await api.runReadiness({});
  expect(await auditRows(rig)).toEqual([
    { actor: 'technician:1001', action: 'telemetry.diagnostics.action' },
    { actor: 'technician:1001', action: 'telemetry.readiness.report' },
  ]);
  expect(await rig.store.read((tx) => verifyAuditChain(tx))).toMatchObject({ intact: true, entries: 2 });
});

it('a scheduled report (nobody signed in) is the kiosk’s own', async () => {
  rig = await diagnosticsRig({ devices: null });
  await rig.service.runReadiness({ trigger: 'schedule', print: false });
  expect(await auditRows(rig)).toEqual([{ actor: 'kiosk', action: 'telemetry.readiness.report' }]);
});

it('with nobody signed in the procedures refuse and record nothing', async () => {
  rig = await diagnosticsRig({ devices: null });
  const api = diagnosticsProcedures(() => undefined);
  await expect(api.runReadiness({})).rejects.toMatchObject({ code: 'not_allowed' });
  expect(await auditRows(rig)).toEqual([]);
});
