import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CatalogueTile, CatalogueView, ServiceEvent, ServiceView } from '../contract';
import { useCoreCalls } from '../stores/journeyCalls';
import { useSessionStore } from '../stores/session';

const EMPTY: CatalogueView = { version: null, groups: [], services: [] };

/**
 * The service catalogue as the core holds it (fetched again when the
 * snapshot names a new version), the inquiry or form on screen (the
 * snapshot's `service`), and which portal hand-off or "sign in first" is
 * open. The catalogue is the kiosk's, not the person's: a session's end
 * closes what is open and keeps the catalogue.
 */
export const useCatalogueStore = defineStore('catalogue', () => {
  const session = useSessionStore();
  const view = shallowRef<CatalogueView>(EMPTY);
  const portalId = ref<string | null>(null);
  const signInFirstId = ref<string | null>(null);
  const { sending, run, api } = useCoreCalls();
  let loading: string | null = null;

  // Watched per snapshot (not per version string): after a failed fetch the next snapshot, same version, asks again.
  watch(
    () => session.snapshot,
    async (snapshot) => {
      const version = snapshot?.catalogueVersion ?? null;
      if (!version || version === view.value.version || version === loading) return;
      loading = version;
      try {
        view.value = await api().getCatalogue({});
      } catch {
        // The next snapshot with this version asks again.
      } finally {
        loading = null;
      }
    },
    { immediate: true },
  );

  const loaded = computed(() => view.value.version !== null);
  const byId = computed(() => new Map(view.value.services.map((s) => [s.id, s])));
  const tile = (id: string): CatalogueTile | undefined => byId.value.get(id);
  const service = computed<ServiceView | null>(() => (session.hasSession ? (session.snapshot?.service ?? null) : null));
  const ready = computed(() => service.value !== null && !service.value.busy && !sending.value);
  const portal = computed(() => (portalId.value ? (tile(portalId.value) ?? null) : null));
  const signInFirst = computed(() => (signInFirstId.value ? (tile(signInFirstId.value) ?? null) : null));

  const start = (id: string) => run(() => api().startService({ service: id }));
  const send = (event: ServiceEvent) => (sending.value ? Promise.resolve(false) : run(() => api().serviceEvent(event)));
  const close = () => run(() => api().closeService({}));

  function $reset(): void {
    portalId.value = null;
    signInFirstId.value = null;
    sending.value = false;
  }

  return { view, loaded, tile, service, ready, sending, portalId, portal, signInFirstId, signInFirst, start, send, close, $reset };
});
