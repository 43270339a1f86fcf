// @vitest-environment happy-dom
import { setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSpeechVolume } from '../contract';
import { installKioskHost } from '../host';
import type { KioskHost } from '../host';
import { createFakeKiosk } from '../../test/fakeCore';
import type { FakeCore } from '../../test/fakeCore';
import { createTestPinia, settle } from '../../test/mountKiosk';
import { useSessionStore } from './session';
import { useUiStore } from './ui';
import { useEndSession } from './wipe';

describe('session store', () => {
  let core: FakeCore;
  let host: KioskHost;

  beforeEach(() => {
    ({ core, host } = createFakeKiosk());
    installKioskHost(host);
    setActivePinia(createTestPinia());
  });
  afterEach(() => host.close());

  it('ignores a snapshot older than the one it shows', () => {
    const session = useSessionStore();
    core.revision = 5;
    expect(session.applySnapshot(core.snapshot())).toBe(true);
    core.revision = 4;
    core.appState = { state: 'unavailable', reason: 'maintenance' };
    expect(session.applySnapshot(core.snapshot())).toBe(false);
    expect(session.appState).toEqual({ state: 'available' });
    expect(session.snapshot?.revision).toBe(5);
  });

  it('derives Arabic and default settings when there is no session', () => {
    const session = useSessionStore();
    session.applySnapshot(core.snapshot());
    expect(session.language).toBe('ar');
    expect(session.highContrast).toBe(false);
    expect(session.largeText).toBe(false);
    expect(session.speech).toBe(false);
    expect(session.volume).toBe(defaultSpeechVolume);
  });

  it('reports activity at most once a second, and only in a session', async () => {
    const session = useSessionStore();
    session.reportActivity(1_000);
    expect(core.calls.filter((c) => c.procedure === 'reportActivity')).toHaveLength(0);

    expect(await session.startSession()).toBe(true);
    session.reportActivity(10_000);
    session.reportActivity(10_400);
    session.reportActivity(10_999);
    session.reportActivity(11_000);
    await settle();
    expect(core.calls.filter((c) => c.procedure === 'reportActivity')).toHaveLength(2);
  });

  it('corrects the warning deadline for the core clock running ahead', () => {
    const session = useSessionStore();
    core.revision = 1;
    const snapshot = core.snapshot();
    const coreNow = Date.now() + 60_000;
    session.applySnapshot({
      ...snapshot,
      now: coreNow,
      session: {
        id: 's',
        phase: 'warning',
        startedAt: coreNow,
        warningEndsAt: coreNow + 20_000,
        extensionsUsed: 0,
        extensionsAllowed: 10,
        language: 'ar',
        highContrast: false,
        largeText: false,
        speech: false,
        volume: defaultSpeechVolume,
      },
    });
    expect(session.warningEndsAt).not.toBeNull();
    expect(Math.abs((session.warningEndsAt ?? 0) - (Date.now() + 20_000))).toBeLessThan(100);
  });

  describe('ending the session the person asked to end (useEndSession)', () => {
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
});
