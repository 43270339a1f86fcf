import { createNanoEvents } from 'nanoevents';
import { DEFAULT_CLASSIFY_CONFIG } from '../../../../drivers/cardData/classify';
import { technicianCardNumber } from '../../../../common/rules/technicianCard';
import { err, ok, type Result } from '../../../../common/result';
import { CardSlot, type CardSlotError } from '../../../../drivers/cardSlot/driver';
import { CardSlotService } from '../../../../drivers/cardSlot/driverService';
import { identifyCard } from '../../../../drivers/cardSlot/identify';
import { decodeTechnicianTrack3 } from '../../../../common/rules/technicianCardSecret';
import type { InitializeMode } from '../../../../drivers/cardSlot/text';
import type { ByteTransport } from '../../../../drivers/transport/types';
import { type CardHolderIdentity, holderIdentityOf } from '../cardIdentity';
import { DeviceConnection, type HandshakeFailure } from '../connection';
import { LinkedDevice } from '../linkedDevice';
import { openSerialLink } from '../serialPort';
import { type CardSlotDeviceError, cardSlotFailure } from './errors';
import type { CardCleanup, CardSlotCounter, CardSlotDeviceOptions, CardSlotDiagnosis, CardSlotInfo, RemovalOutcome, RetainReason, TechnicianSecretRead } from './types';

/**
 * The motorised card slot as flows see it: wait for a card, read who it
 * belongs to, give it back (or keep it). Reader errors become status values
 * or typed results; nothing here knows a byte of the Sankyo protocol.
 */

export const DEFAULT_TAKE_TIMEOUT_MS = 30_000;
const DEFAULT_POLL_MS = 100;
const isoToday = (): string => new Date().toISOString().slice(0, 10);

export class CardSlotDevice extends LinkedDevice<ByteTransport, CardSlot, CardSlotDeviceOptions> {
  /** A card came in through the shutter since the last session ended: a card inside is this person's. */
  #cardInsertedThisSession = false;
  readonly #events = createNanoEvents<{ retain: (reason: RetainReason) => void; count: (counter: CardSlotCounter) => void }>();
  /** The running operation is a background wait (waitForCard with `background`). */
  #background = false;

  constructor(options: CardSlotDeviceOptions) {
    super('cardSlot', options);
    const config = options.config;
    if (!config) return;
    this.connection = new DeviceConnection<ByteTransport, CardSlot>(
      {
        open: () =>
          openSerialLink(
            { path: config.path, baudRate: config.baudRate, dataBits: 8, parity: 'even', stopBits: 1, noModemLines: config.noModemLines },
            options.openSerial,
          ),
        handshake: (transport, first) => this.#handshake(transport, first ? (config.initializeAtStart ?? 'capture') : 'dontMove'),
        release: (slot) => slot.dispose(),
      },
      {
        clock: options.clock,
        log: this.log,
        ...(options.reconnect ? { reconnect: options.reconnect } : {}),
        onChange: (change) => this.reportConnection(change),
      },
    );
  }

  /**
   * Opens the shutter and waits until a card is inside. Aborting closes the shutter again.
   *
   * A card already in the slot that did not come in through this shutter
   * since the last `clearForNextPerson` (session end) is the last person's
   * (a hand-back that failed, a reader unplugged at the session's end): it is
   * never read as this person's. One inside goes to the rear bin, as at
   * power-up (nobody present owns it; handing it out would give the last
   * person's card to the next); one at the gate is left for its owner to
   * take for `takeTimeoutMs`, then retained. Only then does the shutter open
   * for this person's card. This person's own card, still inside after they
   * went back to the services, is theirs and is read again.
   */
  waitForCard(
    request: {
      signal?: AbortSignal;
      timeoutMs?: number;
      takeTimeoutMs?: number;
      /** `magneticOnly`: the shutter lets in stripe cards only (a technician's, between customers). */
      entry?: 'anyCard' | 'magneticOnly';
      /** A wait between customers: not `busy`, and any other operation stops it and goes first. */
      background?: boolean;
    } = {},
  ): Promise<Result<{ inserted: true }, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      if (!this.#cardInsertedThisSession) {
        const leftBehind = await this.#clearLeftCard(slot, signal, request.takeTimeoutMs);
        if (!leftBehind.ok) return leftBehind;
      }
      const opened = await slot.enableEntry(request.entry ?? 'anyCard', { signal });
      if (!opened.ok) return err(this.#failure(opened.error));
      if (opened.value === 'inside') return this.#inserted(false);
      const arrived = await slot.waitForCard({
        signal,
        pollMs: this.options.pollMs ?? DEFAULT_POLL_MS,
        ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      });
      if (arrived.ok) return this.#inserted(true);
      // Nobody came: the shutter must not stay open for whoever comes next.
      if (slot.isConnected) await slot.disableEntry();
      return err(this.#failure(arrived.error));
    }, request.background === true);
  }

  /** `arrived`: a card came in through the shutter now (counted), not one already inside read again. */
  #inserted(arrived: boolean): Result<{ inserted: true }, CardSlotDeviceError> {
    this.#cardInsertedThisSession = true;
    if (arrived) this.#count('inserted');
    return ok({ inserted: true } as const);
  }

  /** A card from before this session, found where the next person's should go: out of the way, never read. */
  async #clearLeftCard(slot: CardSlot, signal: AbortSignal, takeTimeoutMs: number | undefined): Promise<Result<void, CardSlotDeviceError>> {
    const position = await slot.status({ signal });
    if (!position.ok) return err(this.#failure(position.error));
    if (position.value === 'noCard') return ok();
    this.log.warn({ event: 'cardSlot.leftBehind', at: position.value }, 'a card from before this session is in the slot: not read');
    if (position.value === 'inside') {
      const retained = await slot.retainCard({ signal });
      if (!retained.ok) return err(this.#failure(retained.error));
      this.#retained('leftBehind');
      return ok();
    }
    const removed = await this.#awaitRemoval(slot, signal, takeTimeoutMs);
    return removed.ok ? ok() : removed;
  }

  /** Reads the stripe and/or the chip and says who the card belongs to. */
  readIdentity(request: { signal?: AbortSignal } = {}): Promise<Result<CardHolderIdentity, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      const identified = await identifyCard(slot, {
        signal,
        ...(this.config?.idCard ? { idCard: this.config.idCard } : {}),
        ...(this.config?.classify ? { classify: this.config.classify } : {}),
      });
      if (!identified.ok) {
        const failure = this.#failure(identified.error);
        if (failure.type === 'cardError') this.#count('readErrors');
        return err(failure);
      }
      const identity = holderIdentityOf(identified.value, (this.options.today ?? isoToday)());
      if (identity.kind === 'unreadable') this.#count('readErrors');
      this.log.info({ event: 'cardSlot.identified', kind: identity.kind }, 'card read');
      return ok(identity);
    });
  }

  // ── Technician card secret (issue 13, offline maintenance PIN check) ──────────────────────────────────────────
  /**
   * Reads track 3 of the technician card inside (C 6 3) and decodes the card
   * secret on it (common/rules/technicianCardSecret.ts). `technicianId`: the
   * number tracks 1 and 2 named (zero-padded or not); a track 3 naming
   * another card number (technicianCardNumber under any technician prefix
   * the kiosk knows) is `otherCard`. The secret is handed to the caller
   * only: never logged, never kept here.
   */
  readTechnicianSecret(request: { technicianId: string; signal?: AbortSignal }): Promise<Result<TechnicianSecretRead, CardSlotDeviceError>> {
    const id = request.technicianId.replace(/^0+/, '');
    const issuers = (this.config?.classify ?? DEFAULT_CLASSIFY_CONFIG).technicianPrefixes;
    const cardNumbers = new Set(issuers.map((issuer) => technicianCardNumber(id, issuer)).filter((n): n is string => n !== null));
    return this.#run(request.signal, async (slot, signal) => {
      const reads = await slot.readTracks([3], { signal });
      if (!reads.ok) return err(this.#failure(reads.error));
      const track3 = reads.value[3];
      let read: TechnicianSecretRead;
      if (!track3 || (!track3.ok && track3.error.type === 'noData')) read = { kind: 'noSecret' };
      else if (!track3.ok) read = { kind: 'unreadable' };
      else {
        const decoded = decodeTechnicianTrack3(track3.value);
        if (!decoded.ok) read = { kind: 'garbled', error: decoded.error };
        else if (!cardNumbers.has(decoded.value.cardNumber)) read = { kind: 'otherCard' };
        else read = { kind: 'secret', secret: decoded.value.secret };
      }
      this.log.info({ event: 'cardSlot.technicianSecret', read: read.kind, ...(read.kind === 'garbled' ? { error: read.error.type } : {}) }, 'technician card track 3 read');
      return ok(read);
    });
  }

  /** Presents the card at the gate. Follow with `waitForRemoval`. */
  eject(request: { signal?: AbortSignal } = {}): Promise<Result<void, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      const ejected = await slot.ejectToGate({ signal });
      return ejected.ok ? ok() : err(this.#failure(ejected.error));
    });
  }

  /** Waits for the person to take the ejected card; a card left too long goes to the rear bin. */
  waitForRemoval(request: { signal?: AbortSignal; takeTimeoutMs?: number } = {}): Promise<Result<RemovalOutcome, CardSlotDeviceError>> {
    return this.#run(request.signal, (slot, signal) => this.#awaitRemoval(slot, signal, request.takeTimeoutMs));
  }

  /** Eject, then wait for removal: what the end of every journey does. */
  returnCard(request: { signal?: AbortSignal; takeTimeoutMs?: number } = {}): Promise<Result<RemovalOutcome, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      const ejected = await slot.ejectToGate({ signal });
      if (!ejected.ok) return err(this.#failure(ejected.error));
      return this.#awaitRemoval(slot, signal, request.takeTimeoutMs);
    });
  }

  /** How long a card handed back waits at the slot before it is retained (the configuration's, or the default). */
  takeTimeoutMs(): number {
    return this.config?.takeTimeoutMs ?? DEFAULT_TAKE_TIMEOUT_MS;
  }

  /** Keeps the card (a suspicious card, a technician's decision). */
  retain(request: { signal?: AbortSignal } = {}): Promise<Result<void, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      const retained = await slot.retainCard({ signal });
      return retained.ok ? ok() : err(this.#failure(retained.error));
    });
  }

  async describe(): Promise<Result<CardSlotInfo, CardSlotDeviceError>> {
    const slot = this.connection?.driver;
    if (!slot) return err({ type: 'unavailable', status: this.status });
    const position = await slot.status();
    return position.ok ? ok({ position: position.value }) : err(this.#failure(position.error));
  }

  /** Sensors, firmware revision and the reader's retract counter, for a technician (never moves a card). */
  diagnose(request: { signal?: AbortSignal } = {}): Promise<Result<CardSlotDiagnosis, CardSlotDeviceError>> {
    return this.#run(request.signal, async (slot, signal) => {
      const sensors = await slot.sensors({ signal, evenOnError: true });
      if (!sensors.ok) return err(this.#failure(sensors.error));
      const service = new CardSlotService(slot);
      const firmware = await service.revision('user', { signal });
      // Error 02: a reader not initialized to count retracts keeps no counter; that is not a fault.
      const counter = await service.retractCounter({ signal });
      if (!counter.ok && (counter.error.type === 'disconnected' || counter.error.type === 'timeout' || counter.error.type === 'noAck')) return err(this.#failure(counter.error));
      return ok({ sensors: sensors.value, firmware: firmware.ok ? firmware.value.trim() : null, retractCounter: counter.ok ? counter.value : null });
    });
  }

  /**
   * Session end: stop what is running, give back (or retain) a card still in
   * the slot, and close the shutter, so the next person finds nothing. A card
   * inside that did not come in during this session (left from an earlier
   * one) has nobody here to give it to: it is retained. Whatever happens, the
   * next session takes any card still in the slot as not its own.
   */
  async clearForNextPerson(): Promise<CardCleanup> {
    const ours = this.#cardInsertedThisSession;
    this.#cardInsertedThisSession = false;
    await this.operation.abort();
    const slot = this.connection?.driver;
    if (!slot) return 'failed';
    const position = await slot.status();
    if (!position.ok) return 'failed';
    let outcome: CardCleanup = 'noCard';
    if (position.value === 'inside' && !ours) {
      const retained = await this.retain();
      outcome = retained.ok ? 'retained' : 'failed';
      if (retained.ok) this.#retained('leftBehind');
    } else if (position.value !== 'noCard') {
      const returned = position.value === 'inside' ? await this.returnCard() : await this.waitForRemoval();
      outcome = returned.ok ? returned.value.outcome : 'failed';
    }
    const closed = await slot.disableEntry();
    return closed.ok ? outcome : 'failed';
  }

  async #awaitRemoval(slot: CardSlot, signal: AbortSignal, takeTimeoutMs: number | undefined): Promise<Result<RemovalOutcome, CardSlotDeviceError>> {
    const removed = await slot.waitForRemoval({
      signal,
      timeoutMs: takeTimeoutMs ?? this.config?.takeTimeoutMs ?? DEFAULT_TAKE_TIMEOUT_MS,
      pollMs: this.options.pollMs ?? DEFAULT_POLL_MS,
    });
    if (removed.ok) return ok({ outcome: 'taken' });
    const { error } = removed;
    if (error.type !== 'cardNotTaken') return err(this.#failure(error));
    if (error.retained) return this.#retained('notTaken');
    // Not taken in our time: into the bin, so the next person cannot walk off with it.
    const captured = await slot.retainCard({ signal });
    if (captured.ok) return this.#retained('notTaken');
    // Error 40: the person pulled it out as the reader was taking it back.
    if (captured.error.type === 'reader' && captured.error.error.code === '40') return ok({ outcome: 'taken' });
    // The reader's own take timer may have captured the card between our last poll and our capture
    // command: it then has no card to move, and says so (error 46) at the next status request. Ask it.
    const after = await slot.status({ signal });
    if (!after.ok && after.error.type === 'reader' && after.error.error.code === '46') return this.#retained('notTaken');
    return err(this.#failure(captured.error));
  }

  #retained(reason: RetainReason): Result<RemovalOutcome, CardSlotDeviceError> {
    this.log.info({ event: 'cardSlot.retained', reason }, 'card retained');
    this.#events.emit('retain', reason);
    return ok({ outcome: 'retained' });
  }

  /** Told once per counted event (a card in, a card not read), as it happens: the store keeps the life counts. */
  onCount(listener: (counter: CardSlotCounter) => void): () => void {
    return this.#events.on('count', listener);
  }

  #count(counter: CardSlotCounter): void {
    this.#events.emit('count', counter);
  }

  /** Hears every card that goes into the rear bin, and why (fleet telemetry, the retain-bin count). Returns the unsubscribe. */
  onRetained(listener: (reason: RetainReason) => void): () => void {
    return this.#events.on('retain', listener);
  }

  #run<T>(
    signal: AbortSignal | undefined,
    work: (slot: CardSlot, signal: AbortSignal) => Promise<Result<T, CardSlotDeviceError>>,
    background = false,
  ): Promise<Result<T, CardSlotDeviceError>> {
    // A background wait gives way: it is stopped (its shutter closed) and this operation runs.
    if (this.#background && !background) return this.operation.abort().then(() => this.#run(signal, work));
    const slot = this.connection?.driver;
    // A jammed reader is still connected and may be asked again (a retry often clears it).
    if (!slot) return Promise.resolve(err({ type: 'unavailable', status: this.status }));
    const run = this.operation.run(signal, async (inner) => {
      this.#background = background;
      if (!background) this.reporter.set('busy', 'operationStarted');
      let linkLost = false;
      try {
        const result = await work(slot, inner);
        linkLost = !result.ok && result.error.type === 'disconnected';
        return result;
      } finally {
        if (this.connection?.driver === slot) {
          // A lost link is dropped here and now (offline, reconnect scheduled) rather than when its close notice
          // arrives, so status and the next call agree. A driver already gone or replaced keeps its connection's status.
          if (linkLost) this.connection.reset('unplugged');
          else if (this.status === 'busy') this.reporter.set('online', 'operationEnded');
        }
        this.#background = false;
      }
    });
    return run ?? Promise.resolve(err({ type: 'busy' }));
  }

  async #handshake(transport: ByteTransport, mode: InitializeMode): Promise<Result<CardSlot, HandshakeFailure>> {
    const slot = new CardSlot(transport, this.options.timings);
    const initialized = await slot.initialize(mode);
    if (initialized.ok) return ok(slot);
    slot.dispose();
    const { error } = initialized;
    if (error.type === 'disconnected') return err('unplugged');
    if (error.type === 'reader') {
      this.log.warn({ event: 'cardSlot.handshake.refused', code: error.error.code }, 'reader refused Initialize');
      return err('handshakeRefused');
    }
    return err('noAnswer');
  }

  /** The flow's error for a driver error; a reader at fault also changes the device's status. */
  #failure(error: CardSlotError): CardSlotDeviceError {
    const { error: failure, fault } = cardSlotFailure(error);
    if (fault && 'reset' in fault) this.connection?.reset(fault.reset);
    else if (fault) this.reporter.set('hardwareError', fault.hardware);
    return failure;
  }
}
