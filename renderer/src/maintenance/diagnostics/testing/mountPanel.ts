import { createMemoryChannelPair } from '../../../contract';
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
  core.connect(coreEnd);
  return { core, diagnostics, host: createFakeHost(rendererEnd) };
}
