import { err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import type { VirtualCard } from '../cardData/virtualCard';
import { PacedLine, bitsPerCharacter } from '../transport/pacing';
import type { ByteTransport } from '../transport/types';
import { ACK_BYTES, NAK_BYTES, SankyoDecoder, encodeFrame, type LinkEvent } from './codec';
import {
  CommandCode,
  decodeCommand,
  encodeNegative,
  encodePositive,
  entryModeOf,
  initializeModeOf,
  type CardPosition,
  type CommandText,
  type EntryMode,
  type IccProtocol,
  type SankyoErrorCode,
} from './text';

/**
 * The reader's side of the Sankyo link, for tests, the simulated lab and the
 * dev dock. It is as lax as a real reader: a host that never ACKs a reply, or
 * sends its next command instead, is still served.
 */

export type SlotState = 'noCard' | 'atGate' | 'inside' | 'captured';

export interface CardSlotCounters {
  readonly inserted: number;
  readonly retained: number;
  readonly ejected: number;
}

export interface CardSlotSimulatorOptions {
  readonly baudRate?: number;
  /** 11 for the reader's 8E1. */
  readonly bitsPerChar?: number;
  /** An ejected card left at the gate this long is pulled back and captured. */
  readonly takeTimeoutMs?: number;
  /** How long the reader waits for the host's ACK of a reply before carrying on. */
  readonly hostAckTimeoutMs?: number;
  /** Replies re-sent for NAKs before the reader gives up on one. */
  readonly maxReplyResends?: number;
  /** Time a motion (carry, retrieve, IC contact) takes. */
  readonly motionMs?: number;
  /** Cards the rear bin holds before retract counter overflow (error 50). */
  readonly binCapacity?: number;
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

export type InsertCardError =
  | { readonly type: 'unplugged' }
  | { readonly type: 'entryDisabled' }
  | { readonly type: 'slotOccupied' }
  /** Entry allows magnetic cards only and this one has no stripe: it comes straight back. */
  | { readonly type: 'rejectedNoStripe' };

export type TakeCardError = { readonly type: 'noCardAtGate' };

type Slot =
  | { readonly at: 'empty' }
  | { readonly at: 'gate'; readonly card: VirtualCard }
  | { readonly at: 'inside'; readonly card: VirtualCard; readonly contacts: boolean; readonly powered: boolean };

interface Reply {
  readonly text: Uint8Array;
  /** State change applied when the reply is committed; nothing is half-applied if the command is aborted. */
  readonly commit?: () => void;
  readonly delayMs: number;
}

const DEFAULTS = {
  baudRate: 38400,
  bitsPerChar: bitsPerCharacter(8, 'even', 1),
  takeTimeoutMs: 30_000,
  hostAckTimeoutMs: 300,
  maxReplyResends: 3,
  motionMs: 0,
  binCapacity: 100,
} as const;

const INTER_CHAR_TIMEOUT_MS = 250;

function textOf(value: string): Uint8Array {
  return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
}

function stripSentinels(track: string): string {
  return track.replace(/^[%;]/, '').replace(/\?$/, '');
}

export class CardSlotSimulator {
  readonly #options: Required<CardSlotSimulatorOptions>;
  #transport: ByteTransport | undefined;
  #line: PacedLine | undefined;
  #decoder = new SankyoDecoder();
  #unsubscribe: (() => void)[] = [];
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  #initialized = false;
  #entry: EntryMode = 'disabled';
  #slot: Slot = { at: 'empty' };
  #lastCaptured = false;
  #bin: VirtualCard[] = [];
  /** Reported once, on the next status request (error 46 or 40 after an automatic capture). */
  #latchedError: SankyoErrorCode | undefined;
  #takeTimer: ReturnType<typeof setTimeout> | undefined;

  #inserted = 0;
  #ejected = 0;
  #retained = 0;

  #busy = false;
  #abortRunning: (() => void) | undefined;
  #awaitingAck: { frame: Uint8Array; resends: number; timer: ReturnType<typeof setTimeout> } | undefined;

  #faults = { jamNextMotion: false, dropNextCommand: false, garbleNextReply: false, pullDuringCapture: false, slowMs: 0 };
  #stats = { commandsExecuted: 0, commandsIgnored: 0, naksFromHost: 0, acksFromHost: 0, hostAcksMissed: 0, aborts: 0 };

  constructor(transport: ByteTransport, options: CardSlotSimulatorOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    this.#attach(transport);
  }

  get state(): SlotState {
    switch (this.#slot.at) {
      case 'empty':
        return this.#lastCaptured ? 'captured' : 'noCard';
      case 'gate':
        return 'atGate';
      case 'inside':
        return 'inside';
    }
  }

  /** The card in the slot (at the gate or inside). */
  get card(): VirtualCard | undefined {
    return this.#slot.at === 'empty' ? undefined : this.#slot.card;
  }

  get counters(): CardSlotCounters {
    return { inserted: this.#inserted, retained: this.#retained, ejected: this.#ejected };
  }

  /** Cards in the rear bin, oldest first. */
  get retainedCards(): readonly VirtualCard[] {
    return [...this.#bin];
  }

  get stats(): LinkStats {
    return { ...this.#stats };
  }

  get isPlugged(): boolean {
    return this.#transport !== undefined;
  }

  get entryMode(): EntryMode {
    return this.#entry;
  }

  // ── the person at the kiosk ──────────────────────────────────────────

  insertCard(card: VirtualCard): Result<void, InsertCardError> {
    if (!this.#transport) return err({ type: 'unplugged' });
    if (this.#slot.at !== 'empty') return err({ type: 'slotOccupied' });
    if (this.#entry === 'disabled') return err({ type: 'entryDisabled' });
    const hasStripe = card.tracks !== undefined && Object.values(card.tracks).some((track) => track !== undefined);
    if (this.#entry === 'magneticOnly' && !hasStripe) return err({ type: 'rejectedNoStripe' });
    this.#slot = { at: 'inside', card, contacts: false, powered: false };
    this.#lastCaptured = false;
    this.#inserted++;
    // The shutter closes behind an accepted card.
    this.#entry = 'disabled';
    return ok();
  }

  takeCard(): Result<VirtualCard, TakeCardError> {
    if (this.#slot.at !== 'gate') return err({ type: 'noCardAtGate' });
    const { card } = this.#slot;
    this.#slot = { at: 'empty' };
    this.#stopTakeTimer();
    return ok(card);
  }

  // ── fault injection ──────────────────────────────────────────────────

  /** Power and cable gone: nothing more is sent, pending work is dropped, the port is closed. */
  async unplug(): Promise<void> {
    const transport = this.#transport;
    if (!transport) return;
    this.#detach();
    this.#initialized = false;
    await transport.close();
  }

  /** Power back on a new port: the reader wants Initialize again (error B0 until then). */
  replug(transport: ByteTransport): void {
    if (this.#transport) this.#detach();
    this.#initialized = false;
    this.#attach(transport);
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

  /** Extra time before every reply, as a worn mechanism or a stalled reader. */
  setSlow(delayMs: number): void {
    this.#faults.slowMs = Math.max(0, delayMs);
  }

  /** The person snatches the card during the next capture (error 40, card not in the bin). */
  pullCardDuringNextCapture(): void {
    this.#faults.pullDuringCapture = true;
  }

  async close(): Promise<void> {
    const transport = this.#transport;
    this.#detach();
    this.#stopTakeTimer();
    await transport?.close();
  }

  // ── link layer ───────────────────────────────────────────────────────

  #attach(transport: ByteTransport): void {
    this.#transport = transport;
    this.#line = new PacedLine(transport, { baudRate: this.#options.baudRate, bitsPerChar: this.#options.bitsPerChar });
    this.#decoder = new SankyoDecoder();
    this.#unsubscribe = [
      transport.onData((chunk) => {
        for (const event of this.#decoder.push(chunk)) this.#onLinkEvent(event);
        this.#stopIdleTimer();
        if (this.#decoder.hasPartial) {
          // Inter-character limit: a half frame followed by silence is dropped.
          this.#idleTimer = setTimeout(() => {
            this.#idleTimer = undefined;
            for (const event of this.#decoder.lineIdle()) this.#onLinkEvent(event);
          }, INTER_CHAR_TIMEOUT_MS);
        }
      }),
      transport.onClose(() => {
        if (this.#transport === transport) this.#detach();
      }),
    ];
  }

  #detach(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#line?.cancel();
    this.#line = undefined;
    this.#transport = undefined;
    this.#abortRunning?.();
    this.#clearAwaitingAck();
    this.#busy = false;
    this.#stopIdleTimer();
    // Without power the mechanism stops: a card at the gate stays there.
    this.#stopTakeTimer();
  }

  #write(bytes: Uint8Array): Promise<void> {
    const line = this.#line;
    if (!line) return Promise.resolve();
    // A port that dies under a write is the unplug path; it is handled by onClose.
    return line.write(bytes).catch(() => undefined);
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
    if (this.#faults.dropNextCommand) {
      this.#faults.dropNextCommand = false;
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
    const transport = this.#transport;
    const reply = this.#execute(command);
    let aborted = false;
    const wait = reply.delayMs + this.#faults.slowMs;
    // A command that completes at once has its reply right behind the ACK on the wire, as on a real reader.
    const ackWithReply = wait === 0;
    if (!ackWithReply) void this.#write(ACK_BYTES);
    if (wait > 0) {
      const running = new AbortController();
      this.#abortRunning = () => running.abort();
      aborted = !(await sleep(wait, { signal: running.signal }));
    }
    this.#abortRunning = undefined;
    // Unplugged or aborted meanwhile: the command never completed, so nothing changes.
    if (aborted || this.#transport !== transport || !transport) {
      if (this.#transport === transport) this.#busy = false;
      return;
    }
    reply.commit?.();
    this.#stats.commandsExecuted++;
    this.#busy = false;
    const frame = encodeFrame(reply.text);
    if (this.#faults.garbleNextReply) {
      this.#faults.garbleNextReply = false;
      const damaged = frame.slice();
      // Flip a bit in the text, so the header and length stay plausible and only the CRC tells.
      const at = 3 + Math.floor(reply.text.length / 2);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      this.#sendReply(frame, 0, damaged, ackWithReply);
      return;
    }
    this.#sendReply(frame, 0, frame, ackWithReply);
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

  // ── the reader's commands ───────────────────────────────────────────

  #execute(command: CommandText): Reply {
    const { cm, pm } = command;
    const refuse = (code: SankyoErrorCode, delayMs = 0): Reply => ({ text: encodeNegative(cm, pm, code), delayMs });
    if (!this.#initialized && cm !== CommandCode.initialize) return refuse('B0');
    switch (cm) {
      case CommandCode.initialize:
        return this.#initialize(command, refuse);
      case CommandCode.status:
        return this.#status(command, refuse);
      case CommandCode.entry: {
        const mode = entryModeOf(pm);
        if (!mode) return refuse('01');
        return this.#positive(command, () => {
          this.#entry = mode;
        });
      }
      case CommandCode.carry:
        if (pm === '0') return this.#eject(command, refuse);
        if (pm === '1') return this.#capture(command, refuse);
        return refuse('01');
      case CommandCode.retrieve:
        return this.#retrieve(command, refuse);
      case CommandCode.magneticRead:
        return this.#readTrack(command, refuse);
      case CommandCode.icContact:
        return this.#icContact(command, refuse);
      case CommandCode.icc:
        return this.#icc(command, refuse);
      default:
        return refuse('00');
    }
  }

  /**
   * A positive reply. `commit` changes the slot and `data` is produced only when
   * the command completes, and the status it carries is the one after the change.
   */
  #positive(command: CommandText, commit?: () => void, data?: () => Uint8Array, delayMs = 0): Reply {
    let built: Uint8Array | undefined;
    const build = (): Uint8Array => encodePositive(command.cm, command.pm, this.#position(), data?.());
    return {
      delayMs,
      commit: () => {
        commit?.();
        built = build();
      },
      get text(): Uint8Array {
        built ??= build();
        return built;
      },
    };
  }

  #position(): CardPosition {
    switch (this.#slot.at) {
      case 'empty':
        return 'noCard';
      case 'gate':
        return 'atGate';
      case 'inside':
        return 'inside';
    }
  }

  /** Jam check for commands that move the card; true when the motion is blocked. */
  #jams(): boolean {
    if (!this.#faults.jamNextMotion) return false;
    this.#faults.jamNextMotion = false;
    return true;
  }

  #initialize(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const mode = initializeModeOf(command.pm);
    if (!mode) return refuse('01');
    const slot = this.#slot;
    const moves = slot.at !== 'empty' && mode !== 'dontMove' && !(mode === 'keepInside' && slot.at === 'inside');
    if (moves && this.#jams()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#initialized = true;
        this.#entry = 'disabled';
        this.#latchedError = undefined;
        if (slot.at === 'empty') return;
        switch (mode) {
          case 'cardToGate':
            this.#toGate(slot.card);
            return;
          case 'capture':
            this.#toBin(slot.card);
            return;
          case 'keepInside':
            this.#stopTakeTimer();
            this.#slot = { at: 'inside', card: slot.card, contacts: false, powered: false };
            return;
          case 'dontMove':
            return;
        }
      },
      undefined,
      moves ? this.#options.motionMs : 0,
    );
  }

  #status(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    if (!['0', '1', '2', '3'].includes(command.pm)) return refuse('01');
    const latched = this.#latchedError;
    if (latched) {
      this.#latchedError = undefined;
      return refuse(latched);
    }
    if (command.pm === '0') return this.#positive(command);
    // Sensor bytes (layout ours): gate sensor, inner sensor, contacts landed, chip powered, entry enabled.
    const slot = this.#slot;
    const flag = (value: boolean): string => (value ? '1' : '0');
    const sensors = textOf(
      flag(slot.at === 'gate') +
        flag(slot.at === 'inside') +
        flag(slot.at === 'inside' && slot.contacts) +
        flag(slot.at === 'inside' && slot.powered) +
        flag(this.#entry !== 'disabled'),
    );
    return this.#positive(command, undefined, () => sensors);
  }

  #eject(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (slot.at === 'gate') return this.#positive(command);
    if (this.#jams()) return refuse('10', this.#options.motionMs);
    return this.#positive(command, () => this.#toGate(slot.card), undefined, this.#options.motionMs);
  }

  #capture(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (this.#bin.length >= this.#options.binCapacity) return refuse('50');
    if (this.#jams()) return refuse('10', this.#options.motionMs);
    if (this.#faults.pullDuringCapture) {
      this.#faults.pullDuringCapture = false;
      return {
        text: encodeNegative(command.cm, command.pm, '40'),
        delayMs: this.#options.motionMs,
        commit: () => {
          this.#stopTakeTimer();
          this.#slot = { at: 'empty' };
        },
      };
    }
    return this.#positive(command, () => this.#toBin(slot.card), undefined, this.#options.motionMs);
  }

  #retrieve(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    if (command.pm !== '0') return refuse('01');
    const slot = this.#slot;
    if (slot.at === 'empty') return refuse('02');
    if (slot.at === 'inside') return this.#positive(command);
    if (this.#jams()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#stopTakeTimer();
        this.#slot = { at: 'inside', card: slot.card, contacts: false, powered: false };
      },
      undefined,
      this.#options.motionMs,
    );
  }

  #readTrack(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    const track = command.pm === '1' ? 'track1' : command.pm === '2' ? 'track2' : command.pm === '3' ? 'track3' : undefined;
    if (!track) return refuse('01');
    const slot = this.#slot;
    if (slot.at !== 'inside') return refuse('02');
    const data = slot.card.tracks?.[track];
    if (data === undefined || data.length === 0) return refuse('24');
    // The reader returns the characters between the sentinels, without the LRC.
    return this.#positive(command, undefined, () => textOf(stripSentinels(data)));
  }

  #icContact(command: CommandText, refuse: (code: SankyoErrorCode, delayMs?: number) => Reply): Reply {
    if (command.pm !== '0' && command.pm !== '2') return refuse('01');
    const slot = this.#slot;
    if (slot.at !== 'inside') return refuse('02');
    const land = command.pm === '0';
    if (slot.contacts === land) return this.#positive(command);
    if (this.#jams()) return refuse('10', this.#options.motionMs);
    return this.#positive(
      command,
      () => {
        this.#slot = { at: 'inside', card: slot.card, contacts: land, powered: false };
      },
      undefined,
      this.#options.motionMs,
    );
  }

  #icc(command: CommandText, refuse: (code: SankyoErrorCode) => Reply): Reply {
    const slot = this.#slot;
    if (slot.at !== 'inside' || !slot.contacts) return refuse('02');
    const chip = slot.card.chip;
    switch (command.pm) {
      case '0': {
        if (!chip) return refuse('63');
        return this.#positive(
          command,
          () => {
            this.#slot = { ...slot, powered: true };
          },
          () => chip.reset(),
        );
      }
      case '1':
        return this.#positive(command, () => {
          this.#slot = { ...slot, powered: false };
        });
      case '3':
      case '4':
      case '9': {
        if (!chip || !slot.powered) return refuse('02');
        const protocol: IccProtocol | undefined =
          command.pm === '3' ? 'T0' : command.pm === '4' ? 'T1' : chip.protocols[0];
        if (!protocol || !chip.protocols.includes(protocol)) return refuse('66');
        if (command.data.length < 4) return refuse('01');
        return this.#positive(command, undefined, () => chip.transmit(command.data, protocol));
      }
      default:
        return refuse('01');
    }
  }

  // ── mechanism ───────────────────────────────────────────────────────

  #toGate(card: VirtualCard): void {
    this.#slot = { at: 'gate', card };
    this.#ejected++;
    this.#stopTakeTimer();
    this.#takeTimer = setTimeout(() => this.#captureForgottenCard(), this.#options.takeTimeoutMs);
  }

  #toBin(card: VirtualCard): void {
    this.#stopTakeTimer();
    this.#slot = { at: 'empty' };
    this.#bin.push(card);
    this.#retained++;
    this.#lastCaptured = true;
  }

  /** An ejected card left at the gate is pulled back into the bin, so the next person cannot take it. */
  #captureForgottenCard(): void {
    this.#takeTimer = undefined;
    const slot = this.#slot;
    if (slot.at !== 'gate') return;
    if (this.#faults.pullDuringCapture) {
      this.#faults.pullDuringCapture = false;
      this.#slot = { at: 'empty' };
      this.#latchedError = '40';
      return;
    }
    this.#toBin(slot.card);
    this.#latchedError = '46';
  }

  #stopIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #stopTakeTimer(): void {
    if (this.#takeTimer !== undefined) clearTimeout(this.#takeTimer);
    this.#takeTimer = undefined;
  }
}
