import { createMemoryChannelPair, type MaintenanceView } from '../../../contract';
import type { KioskHost } from '../../../host';
import { createFakeHost } from '../../../host/fakeHost';
import { FakeCore } from '../../../../test/fakeCore';
import { FakeDiagnostics } from './fakeDiagnostics';

/** A fake core (the real contract server, so calls are validated) whose diagnostics answer as FakeDiagnostics does. */
export function createDiagnosticsKiosk(): { core: FakeCore; diagnostics: FakeDiagnostics; host: KioskHost } {
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const core = new FakeCore();
  const diagnostics = new FakeDiagnostics();
  Object.assign(core.api, diagnostics.api());
  // The test capture's progress reaches the screen in the snapshot, as the core publishes it.
  diagnostics.onCaptureProgress = (testCapture) => {
    core.maintenance = { ...signedInView(core.maintenance?.language ?? 'en'), testCapture };
    core.push();
  };
  core.connect(coreEnd);
  return { core, diagnostics, host: createFakeHost(rendererEnd) };
}

/** A technician signed in (1001), as the overlay's snapshot has it. */
function signedInView(language: MaintenanceView['language']): MaintenanceView {
  const since = Date.UTC(2026, 11, 3, 9, 0);
  return {
    phase: 'on',
    entry: 'card',
    language,
    technicianId: '1001',
    pinError: null,
    attemptsLeft: null,
    lockedUntil: null,
    retryAt: null,
    signedIn: { technicianId: '1001', name: 'Technician 1001', checkedBy: 'central', since, idleEndsAt: since + 900_000, capEndsAt: since + 28_800_000 },
    outOfService: false,
    busyAction: null,
    lastAction: null,
  };
}
