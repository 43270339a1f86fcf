import { technicianOfCard } from '../../../common/rules/technicianCard';
import type { PushedTechnician } from '../../../common/wire/technicians';
import type { MaintenanceView } from '../../contract';
import { type AtmFdk as AtmFdkName, technicianPinFdks, type TechnicianPinKey } from '../../contract';
import type { BankCardRead, TechnicianPinPad } from '../atm/ports';
import type { CardArrival } from '../atm/ports';
import type { Logger } from '../log';
import type { MaintenanceDesk } from './desk';

/** RULES.md: a technician PIN is 4 to 8 digits. */
const TECHNICIAN_PIN_LENGTH = { min: 4, max: 8 } as const;

/**
 * The FDKs the PIN screen labels, where they are in Arabic and in English:
 * a PinEntry's activeKeys are fixed for the command and the technician may
 * switch language in the middle of it, which mirrors the keys.
 */
const PIN_SCREEN_FDKS: readonly AtmFdkName[] = [...new Set((['ar', 'en'] as const).flatMap((language) => Object.values(technicianPinFdks(language))))];

interface AtmTechnicianEntryOptions {
  readonly desk: () => MaintenanceDesk | null;
  readonly pad: TechnicianPinPad;
  /** The technicians central lists in the kiosk's configuration: a card is a technician's only if its number is one of theirs. */
  readonly technicians: () => readonly PushedTechnician[];
  readonly log: Logger;
  /** The EPP's count of keys changed (the overlay shows it). */
  readonly onChange: () => void;
}

/**
 * Maintenance entered at a bank ATM, as ATM supervisor software does it: the
 * technician's card in the ATM's own card reader, the PIN on its EPP.
 *
 * A card read by the ATM is a technician's only when its number is exactly
 * the card number of a technician central lists in the configuration
 * (`technicianOfCard`); it is handed straight back and maintenance asked
 * for, which waits while a customer session is on (the desk's rule). Any
 * other card goes on to the customer journey.
 *
 * While the desk asks for the PIN, the EPP reads it (`Keyboard.PinEntry`,
 * key presses only: the overlay shows how many), then hands out its format 4
 * block under the technician key, bound to the card's number, and the desk
 * has central check it. The digits never enter this process, so there is no
 * offline check here: with central unreachable the desk says it cannot
 * check (`cannotCheck`), which the ATM overlay words as "maintenance needs
 * central". Cancel on the EPP leaves the PIN screen. The keys beside the
 * screen that the PIN screen labels (cancel, language, speech) are active
 * during the entry but do not end it (`terminate: false`): the EPP reports
 * each in a KeyEvent and keeps the digits typed so far.
 */
export class AtmTechnicianEntry {
  readonly #options: AtmTechnicianEntryOptions;
  /** The technician card last read: its number is the PIN block's PAN. */
  #card: { readonly technicianId: string; readonly cardNumber: string } | null = null;
  /** The entry on the EPP now. */
  #entry: { readonly stop: AbortController; digits: number; ready: boolean } | null = null;

  constructor(options: AtmTechnicianEntryOptions) {
    this.#options = options;
  }

  /** Wraps the journey's card arrival: a technician's card is taken for maintenance (and handed back); any other card goes on. */
  door(next: CardArrival): CardArrival {
    return (read) => (this.#technicianCard(read) ? false : next(read));
  }

  /** What the overlay shows of the entry on the EPP. */
  view(): MaintenanceView['epp'] {
    return this.#entry ? { digits: this.#entry.digits, ready: this.#entry.ready } : { digits: 0, ready: false };
  }

  /** The desk changed: the EPP reads a PIN while the desk asks for one, and stops reading when it no longer does. */
  follow(): void {
    const desk = this.#options.desk();
    const phase = desk?.view()?.phase;
    if (phase === 'pin' && !this.#entry && this.#card) void this.#readPin(this.#card);
    if (phase !== 'pin' && this.#entry) this.#entry.stop.abort();
    // A language change (its key, or a touch) leaves the entry running: its FDKs are active in both languages' places.
    // Maintenance over (or never begun): the card's number is forgotten; while it waits for a customer, kept.
    if (desk?.idle ?? true) this.#card = null;
  }

  #technicianCard(read: BankCardRead): boolean {
    const desk = this.#options.desk();
    if (!read.ok || !desk) return false;
    const technician = technicianOfCard(read.card.pan, this.#options.technicians());
    if (!technician) return false;
    this.#options.log.info({ event: 'maintenance.atmCardIn' }, 'technician card at the ATM: handed back, maintenance asked for');
    try {
      this.#card = { technicianId: technician.technicianId, cardNumber: read.card.pan };
      desk.requestEntry('card', technician.technicianId);
      this.follow();
    } catch (error) {
      this.#options.log.warn({ event: 'maintenance.cardRefused', err: error }, 'technician card not taken for maintenance');
    }
    return true;
  }

  /**
   * A key the PIN screen labels, pressed while the EPP reads the PIN: the
   * entry goes on (the FDK does not end it, so the digits typed so far stay
   * in the EPP and the overlay's count stays). Which key it is goes by the
   * language showing now: the keys mirror with it. Cancel leaves (which ends
   * the entry: follow cancels the command); the language key switches the
   * technician's language; the speech key is the screen's own switch, so its
   * press goes to the screen (snapshot.atmKey) as any key beside it does. An
   * FDK with no label in this language does nothing.
   */
  #fdkPressed(fdk: AtmFdkName): void {
    const desk = this.#options.desk();
    const language = desk?.view()?.language ?? 'ar';
    const fdks = technicianPinFdks(language);
    const key = (Object.keys(fdks) as TechnicianPinKey[]).find((name) => fdks[name] === fdk);
    if (!desk || !key) return;
    this.#options.log.info({ event: 'maintenance.pinFdk', key }, 'a key beside the screen pressed during the technician PIN entry');
    switch (key) {
      case 'cancel':
        desk.cancel();
        return;
      case 'language':
        desk.setLanguage(language === 'ar' ? 'en' : 'ar');
        return;
      case 'speech':
        desk.activity();
        this.#options.pad.keyBesideScreen?.(fdk);
        return;
    }
  }

  async #readPin(card: { readonly technicianId: string; readonly cardNumber: string }): Promise<void> {
    const { pad, log } = this.#options;
    const entry = { stop: new AbortController(), digits: 0, ready: false };
    this.#entry = entry;
    const changed = (): void => this.#options.onChange();
    try {
      const typed = await pad.readPin({
        minLength: TECHNICIAN_PIN_LENGTH.min,
        maxLength: TECHNICIAN_PIN_LENGTH.max,
        // The keys the PIN screen labels, active without ending the entry (XFS4IoT PinEntry activeKeys, terminate: false): see fdkPressed.
        fdks: PIN_SCREEN_FDKS,
        onFdk: (fdk) => this.#fdkPressed(fdk),
        signal: entry.stop.signal,
        onReady: () => {
          entry.ready = true;
          changed();
        },
        onKey: (key) => {
          if (key === 'digit') entry.digits += 1;
          else if (key === 'clear') entry.digits = 0;
          changed();
        },
      });
      if (entry.stop.signal.aborted) return;
      const desk = this.#options.desk();
      if (!typed.ok || typed.value.outcome === 'cancelled') {
        if (!typed.ok) log.warn({ event: 'maintenance.eppFailed', error: typed.error.type }, 'technician PIN entry on the EPP failed');
        desk?.cancel();
        return;
      }
      const block = await pad.pinBlock(card.cardNumber);
      if (!block.ok) {
        log.warn({ event: 'maintenance.eppFailed', error: block.error.type }, 'the EPP gave no technician PIN block');
        desk?.cancel();
        return;
      }
      // The desk moves to `checking`: this entry is over, and a wrong PIN's pad starts the next one.
      this.#entry = null;
      await desk?.submitPin({ eppBlock: block.value.block }, undefined);
    } catch (error) {
      log.warn({ event: 'maintenance.eppFailed', err: error }, 'technician PIN entry failed');
    } finally {
      if (this.#entry === entry) this.#entry = null;
      this.follow();
      changed();
    }
  }
}
