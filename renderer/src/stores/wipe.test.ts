// @vitest-environment happy-dom
import { setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installKioskHost } from '../host';
import type { KioskHost } from '../host';
import { createFakeKiosk } from '../../test/fakeCore';
import type { FakeCore } from '../../test/fakeCore';
import { createTestPinia } from '../../test/mountKiosk';
import { useSessionStore } from './session';
import { useUiStore } from './ui';
import { useEndSession } from './wipe';

describe('ending the session the person asked to end', () => {
  let core: FakeCore;
  let host: KioskHost;

  beforeEach(() => {
    ({ core, host } = createFakeKiosk());
    installKioskHost(host);
    setActivePinia(createTestPinia());
  });
  afterEach(() => host.close());

  it('asks the core to end it (reason: cancel)', async () => {
    expect(await useSessionStore().startSession()).toBe(true);
    await useEndSession()();
    expect(core.calls.filter((c) => c.procedure === 'endSession').map((c) => c.input)).toEqual([{ reason: 'cancel' }]);
  });

  it('when the core refuses or cannot be reached, wipes what the screen holds anyway', async () => {
    const ui = useUiStore();
    ui.confirmingEnd = true;
    await useEndSession()(); // the fake core has no session: it refuses
    expect(core.calls.some((c) => c.procedure === 'endSession')).toBe(true);
    expect(ui.confirmingEnd).toBe(false);
  });
});
