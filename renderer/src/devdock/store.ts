import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type {
  DevDockCatalogue,
  DevDockCentralFaultMode,
  DevDockDeviceFaultKind,
  DevDockFingerName,
  DevDockLabDevice,
  DevDockPerson,
  DevDockSms,
  DevDockState,
} from '../contract';
import { KioskError } from '../contract';
import { useKioskHost } from '../host';
import { type DockNotice, useDockAction } from './dockAction';
import { inDockPinia } from './dockPinia';

/** At most two state polls a second, and only while the panel is open. */
export const statePollMs = 500;
const smsShown = 20;

type DockConnection = 'ok' | 'unavailable' | 'disconnected';
export type FingerChoice = 'enrolled' | 'otherPerson' | 'unknown';

const useStore = defineStore('devDock', () => {
  const open = ref(false);
  const catalogue = shallowRef<DevDockCatalogue | null>(null);
  const state = shallowRef<DevDockState | null>(null);
  const sms = shallowRef<DevDockSms[]>([]);
  const query = ref('');
  const selectedId = ref<string | null>(null);
  const finger = ref<DevDockFingerName>('rightIndex');
  const faultDevice = ref<DevDockLabDevice>('cardSlot');
  const notice = ref<DockNotice | null>(null);
  const connection = ref<DockConnection>('ok');
  /** The first look at the lab (people, state, SMS, the panels') has come: until then the panel's body is held out of sight. */
  const loaded = ref(false);
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let smsSeen: number | null | undefined;
  /** Panels that show more than devDockState (the ATM, the printer): refreshed by the dock's one poll. */
  const panels = new Set<() => Promise<void>>();

  const people = computed(() => catalogue.value?.people ?? []);
  const selected = computed<DevDockPerson | null>(() => people.value.find((p) => p.idNumber === selectedId.value) ?? null);
  const matches = computed(() => {
    const words = query.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return people.value;
    return people.value.filter((p) => {
      const haystack = `${p.nameEn} ${p.nameAr} ${p.idNumber} ${p.username ?? ''}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
  });

  const api = () => useKioskHost().api;

  function failed(error: unknown): void {
    if (error instanceof KioskError && error.code === 'not_allowed') {
      connection.value = 'unavailable';
      stopPolling();
    } else if (error instanceof KioskError && (error.code === 'disconnected' || error.code === 'timeout')) {
      connection.value = 'disconnected';
    } else {
      notice.value = { tone: 'failed', key: 'failed' };
    }
  }

  const { busy, act } = useDockAction<DevDockState>(
    (next) => {
      state.value = next;
    },
    (next) => {
      notice.value = next;
    },
    // An action whose answer was lost (the link dropped, no answer in time) says "failed" once the dock is back: the
    // operator sees the skip or fault may not have happened, not a quiet dock.
    (error) => {
      failed(error);
      notice.value = { tone: 'failed', key: 'failed' };
      console.warn(`dev dock: an action failed (${error instanceof KioskError ? `${error.code}: ${error.message}` : String(error)})`);
    },
  );

  async function refresh(): Promise<void> {
    try {
      catalogue.value ??= await api().devDockCatalogue({});
      const next = await api().devDockState({});
      state.value = next;
      connection.value = 'ok';
      const latest = next.central?.latestSmsId ?? null;
      if (next.central && latest !== smsSeen) {
        sms.value = (await api().devDockReadSms({ limit: smsShown })).messages;
        smsSeen = latest;
      }
      for (const refreshPanel of [...panels]) await refreshPanel();
    } catch (error) {
      failed(error);
    } finally {
      if (connection.value === 'ok') loaded.value = true;
    }
  }

  function schedule(): void {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => void poll(), statePollMs);
  }

  async function poll(): Promise<void> {
    if (!open.value) return;
    await refresh();
    // One poll at a time: the next is scheduled only after this one answered.
    if (open.value && connection.value !== 'unavailable') schedule();
  }

  /** A panel's own refresh joins the dock's poll while the panel is shown (and runs at once); the returned function leaves. */
  function addPanel(refreshPanel: () => Promise<void>): () => void {
    panels.add(refreshPanel);
    if (open.value) void refreshPanel();
    return () => panels.delete(refreshPanel);
  }

  function stopPolling(): void {
    clearTimeout(pollTimer);
    pollTimer = undefined;
  }

  function setOpen(next: boolean): void {
    open.value = next;
    if (next) {
      // Opened again: its panels mount afresh, so the body waits for their first answer again.
      loaded.value = false;
      void poll();
    } else stopPolling();
  }

  function selectPerson(idNumber: string): void {
    selectedId.value = idNumber;
    const person = selected.value;
    // Keep the chosen finger when this person has it; otherwise their first enrolled one.
    if (person && !person.fingers.includes(finger.value)) finger.value = person.fingers[0] ?? 'rightIndex';
  }

  const insertCard = (cardId: string) => act(() => api().devDockInsertCard({ cardId }));
  const takeCard = () => act(() => api().devDockTakeCard({}));
  const liftFinger = () => act(() => api().devDockLiftFinger({}));
  const deviceFault = (kind: DevDockDeviceFaultKind) => act(() => api().devDockDeviceFault({ device: faultDevice.value, kind }));
  const centralFault = (mode: DevDockCentralFaultMode) => act(() => api().devDockCentralFault({ mode }));
  const skipTime = (minutes: number) => act(() => api().devDockSkipTime({ minutes }));
  function placeFinger(which: FingerChoice): Promise<void> {
    const person = selected.value;
    if (!person) return Promise.resolve();
    return act(() => api().devDockPlaceFinger({ which, personId: person.idNumber, finger: finger.value }));
  }

  return {
    open,
    catalogue,
    state,
    sms,
    query,
    selectedId,
    selected,
    matches,
    finger,
    faultDevice,
    busy,
    notice,
    connection,
    loaded,
    setOpen,
    refresh,
    addPanel,
    stopPolling,
    selectPerson,
    insertCard,
    takeCard,
    placeFinger,
    liftFinger,
    deviceFault,
    centralFault,
    skipTime,
  };
});

/** The dock's store, always in the dock's own Pinia (see dockPinia.ts). */
export function useDevDockStore() {
  return inDockPinia((pinia) => useStore(pinia));
}
