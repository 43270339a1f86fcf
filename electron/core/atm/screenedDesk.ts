import type { AtmCardDesk, CardArrival } from './ports';

/**
 * The ATM's card desk as KioskCore sees it, with the cards it reads looked
 * at first by whoever screens them (maintenance: a technician's card is
 * taken for maintenance and handed back, electron/core/maintenance/atmEntry.ts)
 * before the session's door takes the rest.
 */
export function screenedCardDesk(desk: AtmCardDesk): { desk: AtmCardDesk; screen(wrap: (next: CardArrival) => CardArrival): void } {
  let wrap: (next: CardArrival) => CardArrival = (next) => next;
  let door: CardArrival | undefined;
  const arrival: CardArrival = (read) => (door ? wrap(door)(read) : false);
  const screened: AtmCardDesk = {
    setWatching: (on, onCard) => {
      if (onCard) door = onCard;
      desk.setWatching(on, arrival);
    },
    clearForNextPerson: () => desk.clearForNextPerson(),
    setNavigating: (on) => desk.setNavigating(on),
    onNavigationKey: (listener) => desk.onNavigationKey(listener),
    ...(desk.onHeadset ? { onHeadset: (listener: (plugged: boolean) => void) => desk.onHeadset!(listener) } : {}),
  };
  return {
    desk: screened,
    screen: (next) => {
      wrap = next;
    },
  };
}
