import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { connectKiosk, createMemoryChannelPair } from '../../../contract';
import { resolveConfig } from '../../config/load';
import { KioskCore } from '../../kiosk';
import type { MaintenanceDesk } from '../desk';
import { diagnosticsRig } from './testing/diagnosticsRig';

/** Over the real RPC: diagnostics only while a technician has the kiosk; the public meanwhile sees it unavailable (maintenance). */

let rig: Awaited<ReturnType<typeof diagnosticsRig>> | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

it('refuses every diagnostics call outside maintenance, serves them in it, and validates what it is sent', async () => {
  rig = await diagnosticsRig({ devices: null });
  const core = new KioskCore({ config: resolveConfig([{}]), logger: pino({ level: 'silent' }), diagnostics: rig.service });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  const { api } = connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined });

  await expect(api.runReadiness({})).rejects.toMatchObject({ code: 'not_allowed' });
  expect(await rig.sent(), 'nothing was run or recorded').toEqual([]);

  core.markStarted();
  // The PIN pad open (after the card or the gesture), or a lockout: the public is turned away, but no diagnostics open without the right PIN.
  let signedIn = false;
  core.attachMaintenance({ get signedIn() { return signedIn; }, get onDuty() { return signedIn ? '1001' : null; }, view: () => null } as unknown as MaintenanceDesk, () => undefined);
  core.setMaintenance(true);
  expect(core.snapshot().appState).toEqual({ state: 'unavailable', reason: 'maintenance' });
  await expect(api.runReadiness({})).rejects.toMatchObject({ code: 'not_allowed' });
  expect(await rig.sent(), 'nothing was run or recorded before the PIN').toEqual([]);
  signedIn = true;
  const report = await api.runReadiness({});
  expect(await rig.store.read((tx) => tx.all(z.object({ actor: z.string() }), 'SELECT actor FROM audit_log')), 'in the technician’s name').toEqual([{ actor: 'technician:1001' }]);
  expect(report.checks.map((c) => c.name)).toContain('system.disk');
  expect(await api.lastReadiness({})).toMatchObject({ id: report.id });
  await expect(api.diagnose({ target: 'toaster' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
  await expect(api.deadLetterAction({ txId: 'KIOSK-NOSUCH', action: 'retry' })).rejects.toMatchObject({ code: 'invalid_argument' });

  signedIn = false;
  core.setMaintenance(false);
  await expect(api.lastReadiness({})).rejects.toMatchObject({ code: 'not_allowed' });
  core.stop();
});

it('attachMaintenance answers a detach: afterwards the desk hears no change and serves no call (shutdown)', async () => {
  const core = new KioskCore({ config: resolveConfig([{}]), logger: pino({ level: 'silent' }) });
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  core.connect(coreEnd);
  const { api } = connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined });
  let heard = 0;
  const detach = core.attachMaintenance({ signedIn: false, onDuty: null, idle: true, view: () => null, requestEntry: () => undefined } as unknown as MaintenanceDesk, () => (heard += 1));
  core.markStarted();
  const before = heard;
  expect(before).toBeGreaterThan(0);
  await expect(api.maintenanceGesture({})).resolves.toBeDefined();
  detach();
  core.setOutOfService(true);
  expect(heard, 'no listener left').toBe(before);
  await expect(api.maintenanceGesture({})).rejects.toMatchObject({ code: 'unavailable' });
  core.stop();
});
