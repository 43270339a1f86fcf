import { technicianOfCard } from '../../../common/rules/technicianCard';
import type { PushedTechnician } from '../../../common/wire/technicians';
import type { Language, MaintenanceView } from '../../contract';
import { type AtmFdk as AtmFdkName, technicianPinFdks, type TechnicianPinKey } from '../../contract';
import type { BankCardRead, TechnicianPinPad } from '../atm/ports';
import type { CardArrival } from '../atm/service';
import type { Logger } from '../log';
import type { MaintenanceDesk } from './desk';

/** RULES.md: a technician PIN is 4 to 8 digits. */
const TECHNICIAN_PIN_LENGTH = { min: 4, max: 8 } as const;

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
 * central". Cancel on the EPP leaves the PIN screen.
 */
export class AtmTechnicianEntry {
  readonly #options: AtmTechnicianEntryOptions;
  /** The technician card last read: its number is the PIN block's PAN. */
  #card: { readonly technicianId: string; readonly cardNumber: string } | null = null;
  /** The entry on the EPP now, and the language its FDKs were laid out for. */
  #entry: { readonly stop: AbortController; digits: number; ready: boolean; readonly language: Language } | null = null;

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
    // The language changed (its key, or a touch): the screen's keys moved sides, so the entry starts again with them.
    if (phase === 'pin' && this.#entry && this.#entry.language !== desk?.view()?.language) this.#entry.stop.abort();
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
   * A key the PIN screen labels ended the entry (no PIN went anywhere: the
   * EPP starts the next entry empty). Cancel leaves; the language key
   * switches the technician's language; the speech key is the screen's own
   * switch, so its press goes to the screen (snapshot.atmKey) as any key
   * beside it does. The entry opens again after the last two (follow), the
   * tries left as they were.
   */
  #fdkPressed(key: TechnicianPinKey, fdk: AtmFdkName, language: Language): void {
    const desk = this.#options.desk();
    this.#options.log.info({ event: 'maintenance.pinFdk', key }, 'a key beside the screen ended the technician PIN entry');
    if (!desk) return;
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
    const language = this.#options.desk()?.view()?.language ?? 'ar';
    const entry = { stop: new AbortController(), digits: 0, ready: false, language };
    this.#entry = entry;
    const changed = (): void => this.#options.onChange();
    // The keys the PIN screen labels end the entry (XFS4IoT PinEntry activeKeys, terminate): see fdkPressed.
    const fdks = technicianPinFdks(language);
    try {
      const typed = await pad.readPin({
        minLength: TECHNICIAN_PIN_LENGTH.min,
        maxLength: TECHNICIAN_PIN_LENGTH.max,
        terminatingFdks: Object.values(fdks),
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
      if (typed.ok && typed.value.outcome === 'fdk') {
        const ended = typed.value.key;
        const key = (Object.keys(fdks) as TechnicianPinKey[]).find((name) => fdks[name] === ended);
        if (key) this.#fdkPressed(key, fdks[key], language);
        return;
      }
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
