import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useSessionStore } from './session';

type ScreenName = 'attract' | 'services' | 'help';
type VisibleScreen = ScreenName | 'journey' | 'starting' | 'outOfService';

/** Which screen the person is on; a tiny stack instead of a router. */
export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<ScreenName>('attract');
  const history = ref<ScreenName[]>([]);
  const session = useSessionStore();

  const canGoBack = computed(() => history.value.length > 0);

  /** A journey under way: its screen replaces the menu (help can still be opened over it). */
  const inJourney = computed(() => session.hasSession && (session.snapshot?.journey ?? null) !== null);
  const personScreen = computed<VisibleScreen>(() => (inJourney.value && current.value !== 'help' ? 'journey' : current.value));

  /** What is on the glass: the kiosk's own state comes before the person's place. */
  const visibleScreen = computed<VisibleScreen>(() => {
    if (!session.snapshot) return 'starting';
    switch (session.appState.state) {
      case 'starting':
        return 'starting';
      case 'unavailable':
        // Central or a device lost mid-journey: the journey's own screen explains it and offers the way on.
        return inJourney.value && (session.appState.reason === 'central' || session.appState.reason === 'hardware') ? personScreen.value : 'outOfService';
      case 'available':
      case 'active':
        return session.hasSession ? personScreen.value : 'attract';
      default: {
        const unreachable: never = session.appState;
        return unreachable;
      }
    }
  });

  function go(screen: ScreenName): void {
    if (screen === current.value) return;
    history.value.push(current.value);
    current.value = screen;
  }

  /** A fresh start at a screen, with nothing to go back to. */
  function startAt(screen: ScreenName): void {
    history.value = [];
    current.value = screen;
  }

  function back(): void {
    const previous = history.value.pop();
    if (previous) current.value = previous;
  }

  function $reset(): void {
    current.value = 'attract';
    history.value = [];
  }

  return { current, history, canGoBack, visibleScreen, go, startAt, back, $reset };
});
