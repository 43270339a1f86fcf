// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { BridgeResult, KioskBridge, KioskSnapshot } from '../contract';
import { FakeCore } from '../../test/fakeCore';
import { settle } from '../../test/mountKiosk';
import { createElectronHost } from './electronHost';

/** What the preload exposes: results as values, errors as plain data. */
function fakeBridge(core: FakeCore): { bridge: KioskBridge; push: (s: KioskSnapshot) => void } {
  const listeners = new Set<(s: KioskSnapshot) => void>();
  const wrap =
    <I, O>(run: (input: I) => Promise<O>) =>
    async (input: I): Promise<BridgeResult<O>> => {
      try {
        return { ok: true, value: await run(input) };
      } catch (error) {
        const { code, message } = error as { code: 'no_session'; message: string };
        return { ok: false, error: { code, message } };
      }
    };
  const bridge: KioskBridge = {
    getSnapshot: wrap(core.api.getSnapshot),
    startSession: wrap(core.api.startSession),
    reportActivity: wrap(core.api.reportActivity),
    extendSession: wrap(core.api.extendSession),
    endSession: wrap(core.api.endSession),
    setLanguage: wrap(core.api.setLanguage),
    setAccessibility: wrap(core.api.setAccessibility),
    startJourney: wrap(core.api.startJourney),
    journeyEvent: wrap(core.api.journeyEvent),
    cancelJourney: wrap(core.api.cancelJourney),
    printReceipt: wrap(core.api.printReceipt),
    sendReceiptSms: wrap(core.api.sendReceiptSms),
    diagnose: wrap(core.api.diagnose),
    diagnosticAction: wrap(core.api.diagnosticAction),
    deadLetters: wrap(core.api.deadLetters),
    deadLetterAction: wrap(core.api.deadLetterAction),
    runReadiness: wrap(core.api.runReadiness),
    lastReadiness: wrap(core.api.lastReadiness),
    maintenanceGesture: wrap(core.api.maintenanceGesture),
    maintenanceSubmitPin: wrap(core.api.maintenanceSubmitPin),
    maintenanceCancel: wrap(core.api.maintenanceCancel),
    maintenanceActivity: wrap(core.api.maintenanceActivity),
    maintenanceSetLanguage: wrap(core.api.maintenanceSetLanguage),
    maintenanceAction: wrap(core.api.maintenanceAction),
    maintenanceLeave: wrap(core.api.maintenanceLeave),
    getCatalogue: wrap(core.api.getCatalogue),
    startService: wrap(core.api.startService),
    serviceEvent: wrap(core.api.serviceEvent),
    closeService: wrap(core.api.closeService),
    devDockCatalogue: wrap(core.api.devDockCatalogue),
    devDockState: wrap(core.api.devDockState),
    devDockReadSms: wrap(core.api.devDockReadSms),
    devDockInsertCard: wrap(core.api.devDockInsertCard),
    devDockTakeCard: wrap(core.api.devDockTakeCard),
    devDockPlaceFinger: wrap(core.api.devDockPlaceFinger),
    devDockLiftFinger: wrap(core.api.devDockLiftFinger),
    devDockDeviceFault: wrap(core.api.devDockDeviceFault),
    devDockCentralFault: wrap(core.api.devDockCentralFault),
    devDockSkipTime: wrap(core.api.devDockSkipTime),
    devDockAtmCatalogue: wrap(core.api.devDockAtmCatalogue),
    devDockAtmState: wrap(core.api.devDockAtmState),
    devDockAtmInsertCard: wrap(core.api.devDockAtmInsertCard),
    devDockAtmTakeCard: wrap(core.api.devDockAtmTakeCard),
    devDockAtmPressKeys: wrap(core.api.devDockAtmPressKeys),
    devDockAtmFault: wrap(core.api.devDockAtmFault),
    devDockAtmHeadset: wrap(core.api.devDockAtmHeadset),
    devDockAtmResetPinTries: wrap(core.api.devDockAtmResetPinTries),
    devDockRunBankActivations: wrap(core.api.devDockRunBankActivations),
    devDockPrinterState: wrap(core.api.devDockPrinterState),
    devDockPrinterReceipt: wrap(core.api.devDockPrinterReceipt),
    devDockPrinterFault: wrap(core.api.devDockPrinterFault),
    onSnapshot: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onSessionEnded: () => () => undefined,
    onReloadRequested: () => () => undefined,
  };
  return { bridge, push: (s) => listeners.forEach((l) => l(s)) };
}

describe('the Electron host', () => {
  it('unwraps results into values and error data into thrown KioskErrors', async () => {
    const core = new FakeCore();
    const { bridge } = fakeBridge(core);
    const host = createElectronHost(bridge);
    const snapshots: KioskSnapshot[] = [];
    host.onSnapshot((s) => snapshots.push(s));
    await settle();
    expect(snapshots).toHaveLength(1);
    expect(host.status.value).toBe('connected');

    const started = await host.api.startSession({ trigger: 'touch' });
    expect(started.session?.language).toBe('ar');
    const refused = host.api.extendSession({}).then(() => null, (e: unknown) => e);
    await host.api.endSession({ reason: 'cancel' });
    const error = await host.api.extendSession({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KioskError', code: 'no_session' });
    expect(await refused).toBeNull();
    host.close();
  });

  it('passes pushed snapshots on', async () => {
    const core = new FakeCore();
    const { bridge, push } = fakeBridge(core);
    const host = createElectronHost(bridge);
    const revisions: number[] = [];
    host.onSnapshot((s) => revisions.push(s.revision));
    push({ ...core.snapshot(), revision: 42 });
    expect(revisions).toContain(42);
    host.close();
    push({ ...core.snapshot(), revision: 43 });
    expect(revisions).not.toContain(43);
  });
});
