import { sleep, type Clock } from '../../../common/time';
import type { Result } from '../../../common/result';
import type { CardHolderIdentity } from '../devices/cardIdentity';
import type { CardSlotDeviceError } from '../devices/cardSlot/errors';
import type { RemovalOutcome, TechnicianSecretRead } from '../devices/cardSlot/types';
import type { HeldTechnicianCard } from './offlinePin';
import type { Logger } from '../log';

/** What the watch needs of the card slot (CardSlotDevice). */
export interface WatchedCardSlot {
  describe(): Promise<Result<{ position: string }, CardSlotDeviceError>>;
  waitForCard(request: { signal?: AbortSignal; entry?: 'anyCard' | 'magneticOnly'; background?: boolean }): Promise<Result<{ inserted: true }, CardSlotDeviceError>>;
  readIdentity(request?: { signal?: AbortSignal }): Promise<Result<CardHolderIdentity, CardSlotDeviceError>>;
  returnCard(request?: { signal?: AbortSignal }): Promise<Result<RemovalOutcome, CardSlotDeviceError>>;
  /** Track 3 of the technician card inside: its secret, for the offline PIN check (issue 13). */
  readTechnicianSecret(request: { technicianId: string; signal?: AbortSignal }): Promise<Result<TechnicianSecretRead, CardSlotDeviceError>>;
  /** How long a card handed back waits at the slot before it is retained. */
  takeTimeoutMs?(): number;
}

interface TechnicianCardWatchOptions {
  slot: WatchedCardSlot;
  /** No customer session, nothing of maintenance going on, the kiosk started: a technician card may come in. */
  canWatch(): boolean;
  /**
   * A technician card is in the slot (`card` reads its secret while it is): the PIN pad opens. The card stays in
   * until the promise this answers settles (the PIN pad has closed: signed in, locked out, left), then goes back.
   */
  onTechnicianCard(technicianId: string, card: HeldTechnicianCard): Promise<unknown>;
  /**
   * The technician's card is being handed back (`atExit`: ejected, to be taken) and then its fate: `taken`,
   * `retained` (left at the slot past its take time, kept as any card is), or `failed` (not handed back).
   */
  onCardBack?(state: 'atExit' | 'taken' | 'retained' | 'failed'): void;
  /** The last session's card handed back (the slot is the session's until then). */
  settled(): Promise<unknown>;
  log: Logger;
  clock: Clock;
  /** Between looks when the slot is not empty or not answering. */
  retryMs?: number;
}

/**
 * A government kiosk's card slot between customers: the shutter lets in
 * stripe cards only (an ID card, chip only, stays outside for its journey),
 * so a technician card is taken in and read, and maintenance is asked for;
 * the card stays in the slot while the PIN pad is open (its track 3 secret
 * is what the offline PIN check needs, read only then) and is handed back
 * when the pad closes (kept, as any card, if it is not taken in time). Any
 * other stripe card is handed back unread beyond its kind. The watch stops
 * the moment a customer session starts (its journeys own the slot) and
 * never touches a card it did not take in.
 */
export class TechnicianCardWatch {
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  /** A card is in: it is read and handed back whatever happens meanwhile. */
  private handling = false;

  constructor(private readonly options: TechnicianCardWatchOptions) {}

  /** Looks at `canWatch` again: starts the watch, or stops a watch that is only waiting. */
  update(): void {
    const can = this.options.canWatch();
    if (can && !this.running) {
      const controller = new AbortController();
      this.controller = controller;
      this.running = this.watch(controller.signal).finally(() => {
        this.running = null;
        this.controller = null;
        // Conditions may have changed while the last card was handed back.
        if (!controller.signal.aborted) queueMicrotask(() => this.update());
      });
    } else if (!can && this.running && !this.handling) {
      this.controller?.abort();
    }
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running;
  }

  private async watch(signal: AbortSignal): Promise<void> {
    const { slot, log, clock } = this.options;
    const retryMs = this.options.retryMs ?? 1_000;
    while (!signal.aborted && this.options.canWatch()) {
      await this.options.settled();
      if (signal.aborted || !this.options.canWatch()) return;
      const where = await slot.describe();
      if (!where.ok || where.value.position !== 'noCard') {
        await sleep(retryMs, { signal, clock });
        continue;
      }
      const arrived = await slot.waitForCard({ signal, entry: 'magneticOnly', background: true });
      if (signal.aborted) return;
      if (!arrived.ok) {
        await sleep(retryMs, { signal, clock });
        continue;
      }
      this.handling = true;
      try {
        const identity = await slot.readIdentity();
        const technicianId = identity.ok && identity.value.kind === 'technician' ? identity.value.technicianId : null;
        log.info({ event: 'maintenance.cardIn', technician: technicianId !== null, kind: identity.ok ? identity.value.kind : 'unread' }, 'card at the attract screen');
        if (technicianId !== null) {
          let held = true;
          const card: HeldTechnicianCard = async () => {
            if (!held) return null;
            const read = await slot.readTechnicianSecret({ technicianId });
            return read.ok ? read.value : null;
          };
          // The PIN pad is open: the card stays in until it closes.
          await this.options.onTechnicianCard(technicianId, card).catch(() => undefined);
          held = false;
          // "Take your card", from the moment it comes out until the slot says what became of it.
          this.options.onCardBack?.('atExit');
        }
        const back = await slot.returnCard();
        if (!back.ok) log.warn({ event: 'maintenance.cardNotReturned', error: back.error.type }, 'card not handed back');
        if (technicianId !== null) this.options.onCardBack?.(back.ok ? back.value.outcome : 'failed');
      } finally {
        this.handling = false;
      }
      return;
    }
  }
}
