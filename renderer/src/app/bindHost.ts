import type { Pinia } from 'pinia';
import { watch } from 'vue';
import type { Language } from '../contract';
import type { KioskHost } from '../host';
import { resetAllStores } from '../stores/registry';
import { useSessionStore } from '../stores/session';
import { useUiStore } from '../stores/ui';
import { setDebugHook } from './debugHook';

/**
 * Feeds the core's events into the stores. A session that ends — by the
 * `sessionEnded` event, or because a snapshot no longer carries it — wipes
 * every store before anything else is drawn.
 */
export function bindHostToStores(host: KioskHost, pinia: Pinia, reload: () => void = () => location.reload()): () => void {
  const session = useSessionStore(pinia);

  // The language of the last session seen, kept outside the stores the wipe empties: the staff referral after
  // a session ends is for the person who was using it (the snapshot may already be back to the default language).
  let lastSessionLanguage: Language = 'ar';
  const stopSnapshots = host.onSnapshot((next) => {
    if (!session.isNewer(next)) return;
    if (next.session) lastSessionLanguage = next.session.language;
    const before = session.session?.id;
    // The session we knew is gone without its event (a missed message, a core restart).
    if (before !== undefined && next.session?.id !== before) resetAllStores(pinia);
    session.applySnapshot(next);
    setDebugHook(pinia, next.profile === 'demo');
  });
  const stopEnded = host.onSessionEnded(({ reason }) => {
    resetAllStores(pinia);
    // Said after the wipe, to whoever is at the screen: nothing of the person in it.
    if (reason === 'referToStaff') useUiStore(pinia).showStaffReferral(lastSessionLanguage);
  });
  // Nothing of a session may survive into the reloaded page's memory either.
  const stopReload = host.onReloadRequested(() => {
    resetAllStores(pinia);
    reload();
  });
  const stopStatus = watch(
    host.status,
    (now, before) => {
      if (now === 'connected' && before === 'disconnected') session.forgetRevision();
    },
    { flush: 'sync' },
  );

  return () => {
    stopSnapshots();
    stopEnded();
    stopReload();
    stopStatus();
  };
}
