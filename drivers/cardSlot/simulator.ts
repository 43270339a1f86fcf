import { err, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { VirtualCard } from '../cardData/virtualCard';
import { bitsPerCharacter } from '../transport/pacing';
import { SimulatorLine } from '../transport/simulatorLine';
import type { ByteTransport } from '../transport/types';
import { ACK_BYTES, DLE_EOT_BYTES, NAK_BYTES, SankyoDecoder, encodeFrame, type LinkEvent } from './codec';
import { type CardSlotCounters, type InsertCardError, type ReaderMechanics, SimulatedReader, type SlotState, type TakeCardError } from './simulatedReader';
import { CardSlotFaults } from './simulatorFaults';
import { decodeCommand, type CommandText, type EntryMode, type SankyoErrorCode } from './text';

export type { CardSlotCounters, InsertCardError, SlotState, TakeCardError } from './simulatedReader';

/**
 * The reader's side of the Sankyo link, for tests, the simulated lab and the
 * dev dock. It is as lax as a real reader: a host that never ACKs a reply, or
 * sends its next command instead, is still served. Behind the link are the
 * reader's mechanism and commands (simulatedReader.ts) and the faults a test
 * can switch on (simulatorFaults.ts).
 */

export interface CardSlotSimulatorOptions extends Partial<ReaderMechanics> {
  readonly baudRate?: number;
  /** 11 for the reader's 8E1. */
  readonly bitsPerChar?: number;
  /** How long the reader waits for the host's ACK of a reply before carrying on. */
  readonly hostAckTimeoutMs?: number;
  /** Replies re-sent for NAKs before the reader gives up on one. */
  readonly maxReplyResends?: number;
}

export interface LinkStats {
  readonly commandsExecuted: number;
  readonly commandsIgnored: number;
  readonly naksFromHost: number;
  readonly acksFromHost: number;
  /** Replies the host never acknowledged (it timed out or sent the next command instead). */
  readonly hostAcksMissed: number;
  readonly aborts: number;
}

const DEFAULTS = {
  baudRate: 38400,
  bitsPerChar: bitsPerCharacter(8, 'even', 1),
  takeTimeoutMs: 30_000,
  hostAckTimeoutMs: 300,
  maxReplyResends: 3,
  motionMs: 0,
  binCapacity: 100,
  rearEntryWaitMs: 10_000,
} as const;

const INTER_CHAR_TIMEOUT_MS = 250;

export class CardSlotSimulator {
  readonly #options: Required<CardSlotSimulatorOptions>;
  readonly #faults = new CardSlotFaults();
  readonly #reader: SimulatedReader;
  readonly #wire: SimulatorLine;
  #decoder = new SankyoDecoder();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  #busy = false;
  #abortRunning: (() => void) | undefined;
  #awaitingAck: { frame: Uint8Array; resends: number; timer: ReturnType<typeof setTimeout> } | undefined;

  #stats = { commandsExecuted: 0, commandsIgnored: 0, naksFromHost: 0, acksFromHost: 0, hostAcksMissed: 0, aborts: 0 };

  constructor(transport: ByteTransport, options: CardSlotSimulatorOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    this.#reader = new SimulatedReader(this.#options, this.#faults);
    this.#wire = new SimulatorLine(() => ({ baudRate: this.#options.baudRate, bitsPerChar: this.#options.bitsPerChar }), {
      plugged: () => {
        this.#decoder = new SankyoDecoder();
      },
      receive: (chunk) => this.#receive(chunk),
      unplugged: () => this.#powerDown(),
    });
    this.#wire.plug(transport);
  }

  get state(): SlotState {
    return this.#reader.slotState;
  }

  /** The card in the slot (at the gate or inside). */
  get card(): VirtualCard | undefined {
    return this.#reader.card;
  }

  get counters(): CardSlotCounters {
    return this.#reader.counters;
  }

  /** Cards in the rear bin, oldest first. */
  get retainedCards(): readonly VirtualCard[] {
    return [...this.#reader.state.bin];
  }

  /** The reader's retract counter (00..99) and whether Initialize switched it on. */
  get retractCounter(): { readonly counting: boolean; readonly value: number } {
    return { ...this.#reader.state.retract };
  }

  get stats(): LinkStats {
    return { ...this.#stats };
  }

  get isPlugged(): boolean {
    return this.#wire.isPlugged;
  }

  get entryMode(): EntryMode {
    return this.#reader.entryMode;
  }

  // ── the person at the kiosk ──────────────────────────────────────────

  insertCard(card: VirtualCard): Result<void, InsertCardError> {
    if (!this.#wire.isPlugged) return err({ type: 'unplugged' });
    return this.#reader.insertCard(card);
  }

  takeCard(): Result<VirtualCard, TakeCardError> {
    return this.#reader.takeCard();
  }

  /** A technician takes the cards out of the rear bin (resetting the retract counter is the host's job). */
  emptyBin(): readonly VirtualCard[] {
    return this.#reader.emptyBin();
  }

  /** The rear capture box pulled out or put back: the reader's Se1 reports it. */
  setCaptureBox(present: boolean): void {
    this.#reader.state.captureBox = present;
  }

  /** What the switches on the security port's inputs IN1..IN4 say. */
  setExternalInputs(inputs: readonly [boolean, boolean, boolean, boolean]): void {
    this.#reader.state.inputs = [...inputs];
  }

  // ── fault injection ──────────────────────────────────────────────────

  /** Power and cable gone: nothing more is sent, pending work is dropped, the port is closed. */
  async unplug(): Promise<void> {
    const transport = this.#wire.disconnect();
    if (!transport) return;
    this.#reader.requireInitialize();
    await transport.close();
  }

  /** Power back on a new port: the reader wants Initialize again (error B0 until then). */
  replug(transport: ByteTransport): void {
    this.#wire.disconnect();
    this.#reader.requireInitialize();
    this.#wire.plug(transport);
  }

  /** The next command that moves the card fails with error 10; the card stays where it was. */
  jamNextMotion(): void {
    this.#faults.jamNextMotion = true;
  }

  /** The next command is lost (no ACK, not executed): the host must resend it after its ACK timeout. */
  dropNextCommand(): void {
    this.#faults.dropNextCommand = true;
  }

  /** The next reply goes out with a damaged byte; a NAK gets the good copy. */
  garbleNextReply(): void {
    this.#faults.garbleNextReply = true;
  }

  /** The next track read fails with `code` (20 parity, 21, 23, 26 no SS, 27 no ES, 28 LRC). */
  failNextRead(code: Extract<SankyoErrorCode, '20' | '21' | '23' | '26' | '27' | '28'> = '20'): void {
    this.#faults.readError = code;
  }

  /** Dust on the photo sensors: 1 is clean, 0.3 needs service (their levels drop to that share). */
  soilSensors(health: number): void {
    this.#reader.state.sensorHealth = Math.max(0, Math.min(1, health));
  }

  /** Extra time before every reply, as a worn mechanism or a stalled reader. */
  setSlow(delayMs: number): void {
    this.#faults.slowMs = Math.max(0, delayMs);
  }

  /** The person snatches the card during the next capture (error 40, card not in the bin). */
  pullCardDuringNextCapture(): void {
    this.#faults.pullDuringCapture = true;
  }

  async close(): Promise<void> {
    await this.#wire.unplug();
    this.#reader.halt();
  }

  // ── link layer ───────────────────────────────────────────────────────

  #receive(chunk: Uint8Array): void {
    for (const event of this.#decoder.push(chunk)) this.#onLinkEvent(event);
    this.#stopIdleTimer();
    if (this.#decoder.hasPartial) {
      // Inter-character limit: a half frame followed by silence is dropped.
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = undefined;
        for (const event of this.#decoder.lineIdle()) this.#onLinkEvent(event);
      }, INTER_CHAR_TIMEOUT_MS);
    }
  }

  /** The line went: what the reader was doing stops, unanswered. */
  #powerDown(): void {
    this.#abortRunning?.();
    this.#clearAwaitingAck();
    this.#busy = false;
    this.#stopIdleTimer();
    this.#reader.halt();
  }

  #write(bytes: Uint8Array): Promise<void> {
    return this.#wire.write(bytes);
  }

  #onLinkEvent(event: LinkEvent): void {
    switch (event.type) {
      case 'frame':
        this.#onCommandFrame(event.text);
        return;
      case 'ack':
        if (this.#awaitingAck) {
          this.#stats.acksFromHost++;
          this.#clearAwaitingAck();
        }
        return;
      case 'nak':
        this.#onNak();
        return;
      case 'abort':
        this.#stats.aborts++;
        // The reader stops what it was doing and confirms with DLE EOT (§2.4).
        if (this.#abortRunning) void this.#write(DLE_EOT_BYTES);
        this.#abortRunning?.();
        this.#clearAwaitingAck();
        return;
      case 'badCrc':
        // A damaged command: ask for it again.
        void this.#write(NAK_BYTES);
        return;
      case 'truncated':
      case 'noise':
        return;
    }
  }

  #onNak(): void {
    const awaiting = this.#awaitingAck;
    if (!awaiting) return;
    this.#stats.naksFromHost++;
    clearTimeout(awaiting.timer);
    if (awaiting.resends >= this.#options.maxReplyResends) {
      this.#awaitingAck = undefined;
      return;
    }
    this.#sendReply(awaiting.frame, awaiting.resends + 1);
  }

  #onCommandFrame(text: Uint8Array): void {
    if (this.#busy) {
      // Still executing the previous command; a real reader ignores the line meanwhile.
      this.#stats.commandsIgnored++;
      return;
    }
    if (this.#awaitingAck) {
      // A lax host: its next command stands for the ACK it did not send.
      this.#stats.hostAcksMissed++;
      this.#clearAwaitingAck();
    }
    if (this.#faults.takeDrop()) {
      this.#stats.commandsIgnored++;
      return;
    }
    const command = decodeCommand(text);
    if (!command.ok) {
      void this.#write(NAK_BYTES);
      return;
    }
    void this.#run(command.value);
  }

  async #run(command: CommandText): Promise<void> {
    this.#busy = true;
    const transport = this.#wire.transport;
    let reply = this.#reader.execute(command);
    const running = new AbortController();
    this.#abortRunning = () => running.abort();
    let aborted = false;
    let acked = false;
    if (reply.wait) {
      // A command that waits for the person is acknowledged at once and answered when they act.
      acked = true;
      void this.#write(ACK_BYTES);
      const settled = await reply.wait(running.signal);
      if (settled) reply = settled;
      else aborted = true;
    }
    const wait = aborted ? 0 : reply.delayMs + this.#faults.slowMs;
    // A command that completes at once has its reply right behind the ACK on the wire, as on a real reader.
    const ackWithReply = !acked && wait === 0;
    if (!acked && !ackWithReply) void this.#write(ACK_BYTES);
    if (!aborted && wait > 0) aborted = !(await sleep(wait, { signal: running.signal }));
    this.#abortRunning = undefined;
    // Unplugged or aborted meanwhile: the command never completed, so nothing changes.
    if (aborted || this.#wire.transport !== transport || !transport) {
      if (this.#wire.transport === transport) this.#busy = false;
      return;
    }
    reply.commit?.();
    this.#stats.commandsExecuted++;
    this.#busy = false;
    const frame = encodeFrame(reply.text);
    this.#sendReply(frame, 0, this.#faults.damage(frame, reply.text.length), ackWithReply);
  }

  #sendReply(frame: Uint8Array, resends: number, onTheWire: Uint8Array = frame, afterAck = false): void {
    this.#clearAwaitingAck();
    const awaiting = {
      frame,
      resends,
      timer: setTimeout(() => {
        if (this.#awaitingAck !== awaiting) return;
        // The host never acknowledged: a real reader times out and carries on.
        this.#stats.hostAcksMissed++;
        this.#awaitingAck = undefined;
      }, this.#options.hostAckTimeoutMs),
    };
    this.#awaitingAck = awaiting;
    void this.#write(afterAck ? Uint8Array.of(ACK_BYTES[0] ?? 0x06, ...onTheWire) : onTheWire);
  }

  #clearAwaitingAck(): void {
    if (this.#awaitingAck) clearTimeout(this.#awaitingAck.timer);
    this.#awaitingAck = undefined;
  }

  #stopIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
