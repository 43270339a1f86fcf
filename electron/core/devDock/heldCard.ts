import type { VirtualCard } from '../../../drivers/cardData/virtualCard';

/** A slot a held card can be pushed into: the kiosk's card slot, or the ATM's. */
interface CardEntry {
  insert(card: VirtualCard): { readonly ok: boolean };
}

/** How often a held card tries the shutter: the kiosk polls the reader every 100 ms, so a card "arrives" within one poll. */
const HELD_CARD_RETRY_MS = 50;

/**
 * A person holding a card at the slot while the shutter is closed (the kiosk
 * is not asking for one yet). When the kiosk opens the shutter the card goes
 * in, as it would when a person pushes it the moment the light comes on. So
 * the demo operator may "insert" before the journey asks.
 */
export class HeldCard {
  readonly #slot: CardEntry;
  readonly #onInserted: (card: VirtualCard) => void;
  #card: VirtualCard | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(slot: CardEntry, onInserted: (card: VirtualCard) => void) {
    this.#slot = slot;
    this.#onInserted = onInserted;
  }

  get card(): VirtualCard | null {
    return this.#card;
  }

  /** Holds this card (a card already held is put away: one hand, one card). */
  hold(card: VirtualCard): void {
    this.#card = card;
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tryShutter(), HELD_CARD_RETRY_MS);
    // A waiting card never keeps the process alive.
    this.#timer.unref();
  }

  /**
   * A card offered at the slot: in at once, or held until the slot opens when `insert` refused it only for now
   * (`waitFor` says which refusals those are); any other refusal is answered as it is, and nothing is held.
   */
  offer<E, W extends E>(
    card: VirtualCard,
    insert: () => { ok: true } | { ok: false; error: E },
    waitFor: (error: E) => error is W,
  ): { ok: true; done: 'inserted' | 'heldAtSlot' } | { ok: false; error: Exclude<E, W> } {
    const inserted = insert();
    if (inserted.ok) {
      this.release();
      return { ok: true, done: 'inserted' };
    }
    if (!waitFor(inserted.error)) return { ok: false, error: inserted.error as Exclude<E, W> };
    this.hold(card);
    return { ok: true, done: 'heldAtSlot' };
  }

  /** The person takes the card: a held one back from the slot's mouth, else the one `takeFromSlot` gives; no card is a refusal. */
  take(takeFromSlot: () => { readonly ok: boolean }): { ok: true; done: 'takenBack' | 'taken' } | { ok: false; refusal: 'noCardToTake' } {
    if (this.takeBack()) return { ok: true, done: 'takenBack' };
    return takeFromSlot().ok ? { ok: true, done: 'taken' } : { ok: false, refusal: 'noCardToTake' };
  }

  /** Takes the card back from the slot; false when none was held. */
  takeBack(): boolean {
    const had = this.#card !== null;
    this.release();
    return had;
  }

  release(): void {
    this.#card = null;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tryShutter(): void {
    const card = this.#card;
    if (!card) return;
    // Any refusal (shutter still closed, slot busy, unplugged) means: keep holding and try again.
    if (!this.#slot.insert(card).ok) return;
    this.release();
    this.#onInserted(card);
  }
}
