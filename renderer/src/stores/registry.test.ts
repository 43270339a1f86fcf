// @vitest-environment happy-dom
import { setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installKioskHost } from '../host';
import type { KioskHost } from '../host';
import { createFakeKiosk, fakeJourneyView } from '../../test/fakeCore';
import type { FakeCore } from '../../test/fakeCore';
import { createTestPinia } from '../../test/mountKiosk';
import { useJourneyStore } from './journey';
import { useNavigationStore } from './navigation';
import { registeredStoreIds, resetAllStores } from './registry';
import { useServiceMenuStore } from './serviceMenu';
import { useSessionStore } from './session';
import { useUiStore } from './ui';

const allStores = () => [useSessionStore(), useNavigationStore(), useServiceMenuStore(), useUiStore(), useJourneyStore()] as const;

describe('session wipe', () => {
  let core: FakeCore;
  let host: KioskHost;

  beforeEach(() => {
    ({ core, host } = createFakeKiosk());
    installKioskHost(host);
  });
  afterEach(() => host.close());

  it('puts every store back as a new person should find it', async () => {
    const pinia = createTestPinia();
    setActivePinia(pinia);
    const fresh = createTestPinia();
    setActivePinia(fresh);
    allStores();
    const untouched = JSON.parse(JSON.stringify(fresh.state.value)) as Record<string, unknown>;

    setActivePinia(pinia);
    const [session, navigation, menu, ui, journey] = allStores();
    core.revision = 3;
    await session.startSession();
    session.applySnapshot({ ...core.snapshot(), revision: 10, journey: { ...fakeJourneyView('activate'), step: 'activate.terms', data: { firstName: { ar: 'عبير', en: 'Abeer' } } } });
    navigation.startAt('services');
    navigation.go('help');
    menu.query = 'كلمة المرور';
    menu.explain('signIn');
    ui.keyboardOpen = true;
    ui.confirmingEnd = true;
    ui.showNotice('actionFailed');
    journey.confirmingCancel = true;

    resetAllStores(pinia);

    expect(registeredStoreIds(pinia).sort()).toEqual(['journey', 'navigation', 'serviceMenu', 'session', 'ui']);
    const state = JSON.parse(JSON.stringify(pinia.state.value)) as Record<string, Record<string, unknown>>;
    // The kiosk keeps what it knows about itself; nothing about the person.
    expect(state.session?.snapshot).toMatchObject({ session: null, revision: 10 });
    expect(JSON.stringify(state)).not.toContain('كلمة المرور');
    expect(JSON.stringify(state)).not.toContain('Abeer');
    expect(state.session?.snapshot).toMatchObject({ journey: null });
    for (const id of ['navigation', 'serviceMenu', 'ui', 'journey']) expect(state[id], id).toEqual(untouched[id]);
    expect(session.hasSession).toBe(false);
    expect(session.language).toBe('ar');
  });
});
