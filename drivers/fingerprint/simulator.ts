import { SerialLock } from '../../common/lock';
import { sleep } from '../../common/time';
import { bitsPerCharacter, lineTimeMs } from '../transport/pacing';
import { SimulatorLine } from '../transport/simulatorLine';
import type { ByteTransport } from '../transport/types';
import { DEFAULT_ADDRESS, type DecoderEvent, encodePacket, MAX_CONTENT_LENGTH, type Packet, PacketDecoder, POWER_UP_BYTE, receivedFrame } from './codec';
import { BAUD_UNIT, CONFIRMATION_CODES, type PacketSize } from './instructions';
import { type AuraState, type BufferSlot, SimulatedModule } from './simulatedModule';
import { SimulatorFaults } from './simulatorFaults';
import type { VirtualFinger } from '../../common/fingerprint/fingers';

export { type AuraState } from './simulatedModule';

export interface SimulatorOptions {
  address?: number;
  /** Non-zero: every command but VfyPwd answers cc 21 until the password is verified. */
  password?: number;
  /** 9600 × N, N = 1..12. */
  baudRate?: number;
  packetSize?: PacketSize;
  securityLevel?: 1 | 2 | 3 | 4 | 5;
  libraryCapacity?: number;
  /** Send `55` on attach, as R502/R503 do after reset. */
  powerUpByte?: boolean;
  /** Seeds captures and GetRandomCode, so a test run repeats exactly. */
  seed?: number;
}

/** The module drops a partial frame after the line has been quiet this long. */
const RECEIVE_IDLE_MS = 40;

/**
 * The module's side of the ZFM / R30x protocol, over any ByteTransport: the
 * line (frames in, replies out, paced at the configured baud), in front of
 * the module's memory and instruction set (simulatedModule.ts) and the
 * faults a test can switch on (simulatorFaults.ts).
 */
export class FingerprintSimulator {
  readonly #module: SimulatedModule;
  readonly #faults = new SimulatorFaults();
  readonly #powerUpByte: boolean;

  readonly #wire = new SimulatorLine(() => ({ baudRate: this.baudRate, bitsPerChar: bitsPerCharacter() }), {
    plugged: () => this.#powerUp(),
    receive: (chunk) => this.#receive(chunk),
    unplugged: () => clearTimeout(this.#idleTimer),
  });
  readonly #decoder = new PacketDecoder();
  #receiveFreeAt = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  /** Frames are handled one at a time, in arrival order; each power-up starts a fresh queue (see #powerUp). */
  #work = new SerialLock();
  #queued = 0;
  #incoming: { slot: BufferSlot; parts: Uint8Array[] } | undefined;

  constructor(options: SimulatorOptions = {}) {
    const baudRate = options.baudRate ?? 57600;
    if (baudRate % BAUD_UNIT !== 0 || baudRate / BAUD_UNIT < 1 || baudRate / BAUD_UNIT > 12) {
      throw new RangeError(`baud rate ${baudRate} is not 9600 × N for N in 1..12`);
    }
    this.#module = new SimulatedModule(
      {
        address: options.address ?? DEFAULT_ADDRESS,
        password: options.password ?? 0,
        baudN: baudRate / BAUD_UNIT,
        packetSize: options.packetSize ?? 128,
        securityLevel: options.securityLevel ?? 3,
        libraryCapacity: options.libraryCapacity ?? 1000,
        seed: options.seed ?? 1,
      },
      this.#faults,
    );
    this.#powerUpByte = options.powerUpByte ?? false;
  }

  get address(): number {
    return this.#module.address;
  }

  get libraryCapacity(): number {
    return this.#module.library.capacity;
  }

  // ── wiring ──────────────────────────────────────────────────────────

  /** Plugs the module into a line; it powers up. */
  attach(transport: ByteTransport): void {
    this.#wire.plug(transport);
  }

  get isAttached(): boolean {
    return this.#wire.isPlugged;
  }

  /** Pulls the cable: replies in flight stop and the line closes. */
  unplug(): Promise<void> {
    return this.#wire.unplug();
  }

  /** Plugs the module back in on a new line (a power cycle). */
  replug(transport: ByteTransport): void {
    this.#wire.replug(transport);
  }

  #powerUp(): void {
    // A power cycle drops the work in flight: a frame from the last line still being answered (its reply waiting on a
    // line that is gone) must not hold up the frames of this one.
    this.#work = new SerialLock();
    this.#decoder.reset();
    this.#receiveFreeAt = 0;
    this.#incoming = undefined;
    this.#module.powerUp();
    if (this.#powerUpByte) void this.#wire.write(Uint8Array.of(POWER_UP_BYTE));
  }

  // ── the person at the glass ─────────────────────────────────────────

  /** `poorImages`: that many captures come out too messy to use (cc 06) before a good one. */
  placeFinger(finger: VirtualFinger, options: { poorImages?: number } = {}): void {
    this.#module.sensor.place(finger, options.poorImages ?? 0);
  }

  liftFinger(): void {
    this.#module.sensor.lift();
  }

  get fingerOnGlass(): VirtualFinger | undefined {
    return this.#module.sensor.finger;
  }

  // ── faults ──────────────────────────────────────────────────────────

  /** The next reply frame arrives with a corrupted byte (its checksum fails). */
  garbleNextReply(): void {
    this.#faults.garbleNextReply = true;
  }

  /** Only the first half of the next reply frame is sent. */
  truncateNextReply(): void {
    this.#faults.truncateNextReply = true;
  }

  /** Extra delay before every reply; 0 restores normal speed. */
  setLatency(ms: number): void {
    this.#faults.latencyMs = ms;
  }

  /** The next capture fails (cc 03) because the finger leaves the glass during it. */
  liftFingerMidCapture(): void {
    this.#faults.liftFingerMidCapture = true;
  }

  /** A hung module: frames are read and nothing is answered. */
  setResponding(responding: boolean): void {
    this.#faults.responding = responding;
  }

  // ── what a technician or a test can look at ─────────────────────────

  get baudRate(): number {
    return this.#module.baudRate;
  }

  get packetSize(): PacketSize {
    return this.#module.packetSize;
  }

  get securityLevel(): number {
    return this.#module.securityLevel;
  }

  get led(): AuraState | undefined {
    return this.#module.led;
  }

  /** Resolves once every frame received so far has been answered. */
  async whenIdle(): Promise<void> {
    // Frames that arrive while waiting are waited for too.
    for (let seen = -1; seen !== this.#queued; ) {
      seen = this.#queued;
      await this.#work.idle();
    }
  }

  /** Pages that hold a template, ascending. */
  occupiedPages(): number[] {
    return this.#module.library.occupiedPages();
  }

  /** Puts an enrolled template straight into flash, for setting up a scene. */
  enrolDirectly(page: number, finger: VirtualFinger): void {
    this.#module.enrolDirectly(page, finger);
  }

  /** The template a page holds, for checking round trips. */
  storedTemplate(page: number): Uint8Array | undefined {
    return this.#module.library.read(page);
  }

  // ── receiving ───────────────────────────────────────────────────────

  #receive(chunk: Uint8Array): void {
    // A pty delivers at memory speed; the module has the frame only once its
    // last byte would have crossed the wire.
    const now = performance.now();
    this.#receiveFreeAt = Math.max(now, this.#receiveFreeAt) + lineTimeMs(chunk.length, { baudRate: this.baudRate, bitsPerChar: 10 });
    const readyAt = this.#receiveFreeAt;
    this.#enqueue(this.#decoder.push(chunk), readyAt);
    clearTimeout(this.#idleTimer);
    if (this.#decoder.pendingBytes > 0) {
      this.#idleTimer = setTimeout(() => this.#enqueue(this.#decoder.flush(), performance.now()), RECEIVE_IDLE_MS + (readyAt - now));
    }
  }

  #enqueue(events: DecoderEvent[], readyAt: number): void {
    const line = this.#wire.transport;
    for (const event of events) {
      this.#queued += 1;
      void this.#work
        .run(async () => {
          await sleep(readyAt - performance.now());
          // A frame that came in on a line since pulled is not answered on the next one.
          if (this.#wire.transport === line) await this.#handle(event);
        })
        .catch(() => undefined);
    }
  }

  async #handle(event: DecoderEvent): Promise<void> {
    if (!this.#wire.isPlugged) return;
    const frame = receivedFrame(event);
    if (frame?.kind === 'packet') return this.#handlePacket(frame.packet);
    if (frame?.kind !== 'damaged' || frame.address !== this.address) return;
    if (frame.damage === 'badChecksum' && frame.packetKind !== 'command') {
      // A corrupt data packet ends a DownChar; the host is not reading replies then.
      this.#incoming = undefined;
      return;
    }
    return this.#reply(CONFIRMATION_CODES.packetError);
  }

  async #handlePacket(packet: Packet): Promise<void> {
    if (packet.address !== this.address) return;
    if (packet.kind === 'data' || packet.kind === 'endData') {
      this.#takeDataPacket(packet);
      return;
    }
    if (packet.kind !== 'command') return;
    // A new command ends any download the host abandoned.
    this.#incoming = undefined;
    if (!this.#faults.responding) return;
    if (this.#faults.latencyMs > 0) await sleep(this.#faults.latencyMs);
    await this.#execute(packet.content);
  }

  #takeDataPacket(packet: Packet): void {
    const incoming = this.#incoming;
    if (!incoming) return;
    incoming.parts.push(packet.content);
    if (packet.kind !== 'endData') return;
    this.#module.receiveTemplate(incoming.slot, incoming.parts);
    this.#incoming = undefined;
  }

  // ── instructions ────────────────────────────────────────────────────

  #execute(content: Uint8Array): Promise<void> {
    const answer = this.#module.execute(content);
    if (answer.receiveInto !== undefined) this.#incoming = { slot: answer.receiveInto, parts: [] };
    if (answer.data) return this.#sendWithData(answer.data);
    const acknowledged = this.#reply(answer.code, answer.payload);
    // The ack is queued at the old speed; only bytes after it use the new one.
    if (answer.baudChanged) this.#wire.setBaudRate(this.baudRate);
    return acknowledged;
  }

  // ── sending ─────────────────────────────────────────────────────────

  async #reply(code: number, payload: readonly number[] = []): Promise<void> {
    await this.#sendFrame({ address: this.address, kind: 'ack', content: Uint8Array.from([code, ...payload]) });
  }

  /** cc 00, then the payload in packets of exactly the configured size, the last one PID 08. */
  async #sendWithData(payload: Uint8Array): Promise<void> {
    await this.#reply(CONFIRMATION_CODES.ok);
    const size = Math.min(this.packetSize, MAX_CONTENT_LENGTH);
    for (let offset = 0; offset < payload.length; offset += size) {
      const last = offset + size >= payload.length;
      await this.#sendFrame({ address: this.address, kind: last ? 'endData' : 'data', content: payload.subarray(offset, offset + size) });
      if (!this.#wire.isPlugged) return;
    }
  }

  async #sendFrame(packet: Packet): Promise<void> {
    if (!this.#wire.isPlugged) return;
    // A line that goes away mid-reply: the host sees an unplugged module.
    await this.#wire.write(this.#faults.damage(encodePacket(packet)));
  }
}
