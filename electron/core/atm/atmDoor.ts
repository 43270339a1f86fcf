import type { AtmKeyPress, AtmNavigationKey, KioskSnapshot } from '../../contract';
import type { JourneyRunner } from '../journeys/runner';
import type { Logger } from '../log';
import type { CustomerSession } from '../session/customerSession';
import type { BankCardRead } from './ports';
import type { AtmCardDesk } from './ports';

interface AtmDoorOptions {
  readonly desk: AtmCardDesk;
  readonly session: CustomerSession;
  /** Without journeys a card is not taken. */
  readonly journeys: JourneyRunner | null;
  /** The kiosk could serve a person now (ready, in service, and not taken by maintenance). */
  readonly canServe: () => boolean;
  /** A journey began (for the session's outcome). */
  readonly journeyStarted: () => void;
  /** Something the snapshot shows changed (a key was pressed). */
  readonly onChange: () => void;
  readonly log: Logger;
}

/**
 * ATM mode: the ATM's card reader is the session's door, the keys beside
 * the screen are the person's choices, and headphones in its audio jack turn
 * speech on.
 */
export class AtmDoor {
  readonly #options: AtmDoorOptions;
  /** The newest key pressed beside the screen. */
  #key: AtmKeyPress | null = null;

  constructor(options: AtmDoorOptions) {
    this.#options = options;
    options.desk.onNavigationKey((key) => this.#keyPressed(key));
    options.desk.onHeadset?.((plugged) => this.#headset(plugged));
  }

  /** The newest key beside the screen, for the screen to act on (snapshot.atmKey). */
  get key(): AtmKeyPress | null {
    return this.#key;
  }

  /**
   * The card slot is open while the kiosk can serve and no journey is on
   * screen; the keys beside the screen are read while a screen waits for a
   * choice (not while a PIN is typed, nor while the kiosk is busy).
   */
  follow(snapshot: KioskSnapshot): void {
    const { desk } = this.#options;
    const canServe = this.#options.canServe();
    desk.setWatching(canServe && !snapshot.atmJourney, (read) => this.#cardIn(read));
    const journey = snapshot.atmJourney;
    // Maintenance's overlay is driven by the same keys (its PIN entry takes the EPP over while it runs).
    desk.setNavigating(journey ? !journey.busy && !journey.step.startsWith('atm.pin.') : canServe || snapshot.session !== null || Boolean(snapshot.maintenance));
  }

  /** The session ended: a card still inside goes back (kept if nobody takes it) before the next one can go in. */
  clearForNextPerson(): void {
    void this.#options.desk.clearForNextPerson();
  }

  /** A key beside the screen: the screen acts on it, and the person is there. */
  #keyPressed(key: AtmNavigationKey): void {
    this.#key = { seq: (this.#key?.seq ?? 0) + 1, key };
    this.#options.log.debug({ event: 'atm.key', key }, 'key beside the screen');
    this.#options.session.activity();
    this.#options.onChange();
  }

  /** Headphones in: speech on (a session begins, as a touch would begin one, if the kiosk can serve); out: off. */
  #headset(plugged: boolean): void {
    const { session } = this.#options;
    if (plugged && !session.active && this.#options.canServe()) session.startIfIdle('headset');
    if (session.active) session.setAccessibility({ speech: plugged });
  }

  /** A card went in: the session begins with it (or goes on, if the person touched the screen first), and the ATM journey with that. */
  #cardIn(read: BankCardRead): boolean {
    const { journeys, session } = this.#options;
    if (!journeys || journeys.view() || !this.#options.canServe()) return false;
    session.startIfIdle('card');
    const current = session.current;
    if (!current) return false;
    journeys.startAtm({ id: current.id }, read);
    this.#options.journeyStarted();
    session.activity();
    return true;
  }
}
