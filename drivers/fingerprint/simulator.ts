import { SerialLock } from '../../common/lock';
import { assertNever } from '../../common/result';
import { sleep } from '../../common/time';
import { bitsPerCharacter, lineTimeMs, PacedLine } from '../transport/pacing';
import type { ByteTransport } from '../transport/types';
import {
  DEFAULT_ADDRESS,
  type DecoderEvent,
  encodePacket,
  MAX_CONTENT_LENGTH,
  type Packet,
  PacketDecoder,
  POWER_UP_BYTE,
} from './codec';
import {
  AURA_COLOURS,
  AURA_CONTROLS,
  type AuraColour,
  type AuraControl,
  BAUD_UNIT,
  CONFIRMATION_CODES,
  instructionNameOf,
  type InstructionName,
  PACKET_SIZES,
  type PacketSize,
  SYSTEM_PARAMETERS,
} from './instructions';
import { captureFinger } from './synthetic/capture';
import { CHAR_FILE_LENGTH, decodeCharFile, encodeCharFile } from './synthetic/charFile';
import { type FingerName, type Minutia, ridgePatternOf, type VirtualFinger } from './synthetic/fingers';
import { blankPackedImage, renderPackedImage } from './synthetic/image';
import { matchMinutiae } from './synthetic/match';
import { mergeCaptures } from './synthetic/merge';
import { createRng, type Rng, seedFrom } from './synthetic/prng';

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

export interface AuraState {
  readonly control: AuraControl | number;
  readonly speed: number;
  readonly colour: AuraColour | number;
  readonly count: number;
}

/** Match score needed at each security level, on the synthetic 0..100 scale. */
export const SECURITY_THRESHOLDS = { 1: 20, 2: 25, 3: 30, 4: 35, 5: 40 } as const;

/** The module drops a partial frame after the line has been quiet this long. */
export const RECEIVE_IDLE_MS = 40;

// Bit 0 (busy) never shows between commands: the simulator runs one at a time.
const STATUS_PASS = 0x2;
const STATUS_PASSWORD_VERIFIED = 0x4;
const STATUS_IMAGE_VALID = 0x8;
const SYSTEM_ID = 0x0009;

/** Parameter bytes after the instruction code; shorter content is a packet error. */
const PARAMETER_LENGTHS: Record<InstructionName, number> = {
  genImg: 0,
  img2Tz: 1,
  match: 0,
  search: 5,
  regModel: 0,
  store: 3,
  loadChar: 3,
  upChar: 1,
  downChar: 1,
  upImage: 0,
  deleteChar: 4,
  empty: 0,
  setSysPara: 2,
  readSysPara: 0,
  vfyPwd: 4,
  getRandomCode: 0,
  templateNum: 0,
  readConList: 1,
  highSpeedSearch: 5,
  auraLed: 4,
};

interface ImageBuffer {
  readonly finger: VirtualFinger;
  readonly minutiae: Minutia[];
  readonly quality: number;
  readonly poor: boolean;
  readonly shiftX: number;
  readonly shiftY: number;
  readonly seed: number;
}

type BufferSlot = 1 | 2;

const word = (value: number): [number, number] => [(value >> 8) & 0xff, value & 0xff];
const readWord = (content: Uint8Array, at: number): number => ((content[at] ?? 0) << 8) | (content[at + 1] ?? 0);

/**
 * The module's side of the ZFM / R30x protocol, over any ByteTransport. It
 * keeps the library, two char buffers and an image buffer; captures come from
 * the virtual finger on the glass; replies are paced at the configured baud.
 */
export class FingerprintSimulator {
  readonly address: number;
  readonly libraryCapacity: number;
  #password: number;
  #baudN: number;
  #packetSizeCode: number;
  #securityLevel: 1 | 2 | 3 | 4 | 5;
  readonly #powerUpByte: boolean;
  readonly #rng: Rng;
  #captureCounter = 0;

  readonly #library = new Map<number, Uint8Array>();
  #charBuffers: Record<BufferSlot, Uint8Array> = { 1: new Uint8Array(CHAR_FILE_LENGTH), 2: new Uint8Array(CHAR_FILE_LENGTH) };
  #image: ImageBuffer | undefined;
  #passwordVerified = false;
  #lastMatchPassed = false;
  #led: AuraState | undefined;

  #finger: VirtualFinger | undefined;
  #poorImagesLeft = 0;

  #transport: ByteTransport | undefined;
  #line: PacedLine | undefined;
  #detach: (() => void)[] = [];
  readonly #decoder = new PacketDecoder();
  #receiveFreeAt = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  /** Frames are handled one at a time, in arrival order. */
  readonly #work = new SerialLock();
  #queued = 0;
  #incoming: { slot: BufferSlot; parts: Uint8Array[] } | undefined;

  #garbleNext = false;
  #truncateNext = false;
  #latencyMs = 0;
  #liftMidCapture = false;
  #responding = true;

  constructor(options: SimulatorOptions = {}) {
    this.address = options.address ?? DEFAULT_ADDRESS;
    this.#password = options.password ?? 0;
    const baudRate = options.baudRate ?? 57600;
    if (baudRate % BAUD_UNIT !== 0 || baudRate / BAUD_UNIT < 1 || baudRate / BAUD_UNIT > 12) {
      throw new RangeError(`baud rate ${baudRate} is not 9600 × N for N in 1..12`);
    }
    this.#baudN = baudRate / BAUD_UNIT;
    this.#packetSizeCode = PACKET_SIZES.indexOf(options.packetSize ?? 128);
    this.#securityLevel = options.securityLevel ?? 3;
    this.libraryCapacity = options.libraryCapacity ?? 1000;
    this.#powerUpByte = options.powerUpByte ?? false;
    this.#rng = createRng(options.seed ?? 1);
  }

  // ── wiring ──────────────────────────────────────────────────────────

  /** Plugs the module into a line; it powers up. */
  attach(transport: ByteTransport): void {
    if (this.#transport) throw new Error('the simulator is already attached; unplug it first');
    this.#transport = transport;
    this.#line = new PacedLine(transport, { baudRate: this.baudRate, bitsPerChar: bitsPerCharacter() });
    this.#decoder.reset();
    this.#receiveFreeAt = 0;
    this.#incoming = undefined;
    // Volatile state is lost with power; the library and system parameters are in flash.
    this.#passwordVerified = false;
    this.#image = undefined;
    this.#charBuffers = { 1: new Uint8Array(CHAR_FILE_LENGTH), 2: new Uint8Array(CHAR_FILE_LENGTH) };
    this.#led = undefined;
    this.#detach = [
      transport.onData((chunk) => this.#receive(chunk)),
      transport.onClose(() => this.#forgetTransport()),
    ];
    if (this.#powerUpByte) void this.#line.write(Uint8Array.of(POWER_UP_BYTE));
  }

  get isAttached(): boolean {
    return this.#transport !== undefined;
  }

  /** Pulls the cable: replies in flight stop and the line closes. */
  async unplug(): Promise<void> {
    const transport = this.#transport;
    this.#forgetTransport();
    await transport?.close();
  }

  /** Plugs the module back in on a new line (a power cycle). */
  replug(transport: ByteTransport): void {
    if (this.#transport) this.#forgetTransport();
    this.attach(transport);
  }

  #forgetTransport(): void {
    this.#line?.cancel();
    for (const undo of this.#detach) undo();
    this.#detach = [];
    this.#transport = undefined;
    this.#line = undefined;
    clearTimeout(this.#idleTimer);
  }

  // ── the person at the glass ─────────────────────────────────────────

  /** `poorImages`: that many captures come out too messy to use (cc 06) before a good one. */
  placeFinger(finger: VirtualFinger, options: { poorImages?: number } = {}): void {
    this.#finger = finger;
    this.#poorImagesLeft = options.poorImages ?? 0;
  }

  liftFinger(): void {
    this.#finger = undefined;
  }

  get fingerOnGlass(): VirtualFinger | undefined {
    return this.#finger;
  }

  // ── faults ──────────────────────────────────────────────────────────

  /** The next reply frame arrives with a corrupted byte (its checksum fails). */
  garbleNextReply(): void {
    this.#garbleNext = true;
  }

  /** Only the first half of the next reply frame is sent. */
  truncateNextReply(): void {
    this.#truncateNext = true;
  }

  /** Extra delay before every reply; 0 restores normal speed. */
  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** The next capture fails (cc 03) because the finger leaves the glass during it. */
  liftFingerMidCapture(): void {
    this.#liftMidCapture = true;
  }

  /** A hung module: frames are read and nothing is answered. */
  setResponding(responding: boolean): void {
    this.#responding = responding;
  }

  // ── what a technician or a test can look at ─────────────────────────

  get baudRate(): number {
    return this.#baudN * BAUD_UNIT;
  }

  get packetSize(): PacketSize {
    return PACKET_SIZES[this.#packetSizeCode] ?? 128;
  }

  get securityLevel(): number {
    return this.#securityLevel;
  }

  get led(): AuraState | undefined {
    return this.#led;
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
    return [...this.#library.keys()].sort((a, b) => a - b);
  }

  /** Puts an enrolled template straight into flash, for setting up a scene. */
  enrolDirectly(page: number, finger: VirtualFinger): void {
    if (page < 0 || page >= this.libraryCapacity) throw new RangeError(`page ${page} is outside the library`);
    const capture = captureFinger(finger, this.#nextCaptureSeed());
    this.#library.set(page, encodeCharFile(capture));
  }

  /** The template a page holds, for checking round trips. */
  storedTemplate(page: number): Uint8Array | undefined {
    return this.#library.get(page)?.slice();
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
    for (const event of events) {
      this.#queued += 1;
      void this.#work
        .run(async () => {
          await sleep(readyAt - performance.now());
          await this.#handle(event);
        })
        .catch(() => undefined);
    }
  }

  async #handle(event: DecoderEvent): Promise<void> {
    if (!this.#transport) return;
    switch (event.type) {
      case 'packet':
        return this.#handlePacket(event.packet);
      case 'badChecksum':
        if (event.address !== this.address) return;
        if (event.kind === 'command') return this.#reply(CONFIRMATION_CODES.packetError);
        // A corrupt data packet ends a DownChar; the host is not reading replies then.
        this.#incoming = undefined;
        return;
      case 'badLength':
      case 'unknownPacketId':
        if (event.address === this.address) return this.#reply(CONFIRMATION_CODES.packetError);
        return;
      case 'truncated':
      case 'noise':
      case 'powerUp':
        return;
      default:
        return assertNever(event, 'decoder event');
    }
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
    if (!this.#responding) return;
    if (this.#latencyMs > 0) await sleep(this.#latencyMs);
    await this.#execute(packet.content);
  }

  #takeDataPacket(packet: Packet): void {
    const incoming = this.#incoming;
    if (!incoming) return;
    incoming.parts.push(packet.content);
    if (packet.kind !== 'endData') return;
    const received = new Uint8Array(CHAR_FILE_LENGTH);
    let offset = 0;
    for (const part of incoming.parts) {
      received.set(part.subarray(0, Math.max(0, CHAR_FILE_LENGTH - offset)), offset);
      offset += part.length;
    }
    this.#charBuffers[incoming.slot] = received;
    this.#incoming = undefined;
  }

  // ── instructions ────────────────────────────────────────────────────

  async #execute(content: Uint8Array): Promise<void> {
    const code = content[0];
    const name = code === undefined ? undefined : instructionNameOf(code);
    // Unknown instructions get a packet error: answering keeps clients from hanging.
    if (name === undefined || content.length - 1 < PARAMETER_LENGTHS[name]) {
      return this.#reply(CONFIRMATION_CODES.packetError);
    }
    if (name !== 'vfyPwd' && this.#password !== 0 && !this.#passwordVerified) {
      return this.#reply(CONFIRMATION_CODES.passwordRequired);
    }
    const p = content.subarray(1);
    switch (name) {
      case 'vfyPwd':
        return this.#verifyPassword(p);
      case 'genImg':
        return this.#captureImage();
      case 'img2Tz':
        return this.#imageToTemplate(this.#slot(p[0]));
      case 'match':
        return this.#matchBuffers();
      case 'search':
      case 'highSpeedSearch':
        return this.#search(this.#slot(p[0]), readWord(p, 1), readWord(p, 3));
      case 'regModel':
        return this.#mergeBuffers();
      case 'store':
        return this.#store(this.#slot(p[0]), readWord(p, 1));
      case 'loadChar':
        return this.#loadChar(this.#slot(p[0]), readWord(p, 1));
      case 'upChar':
        return this.#sendWithData(this.#charBuffers[this.#slot(p[0])]);
      case 'downChar':
        this.#incoming = { slot: this.#slot(p[0]), parts: [] };
        return this.#reply(CONFIRMATION_CODES.ok);
      case 'upImage':
        return this.#sendWithData(this.#packedImage());
      case 'deleteChar':
        return this.#delete(readWord(p, 0), readWord(p, 2));
      case 'empty':
        this.#library.clear();
        return this.#reply(CONFIRMATION_CODES.ok);
      case 'setSysPara':
        return this.#setSystemParameter(p[0] ?? 0, p[1] ?? 0);
      case 'readSysPara':
        return this.#readSystemParameters();
      case 'getRandomCode':
        return this.#reply(CONFIRMATION_CODES.ok, [0, 1, 2, 3].map(() => this.#rng.integer(0, 255)));
      case 'templateNum':
        return this.#reply(CONFIRMATION_CODES.ok, word(this.#library.size));
      case 'readConList':
        return this.#readIndexPage(p[0] ?? 0);
      case 'auraLed':
        return this.#setLed(p);
      default:
        return assertNever(name, 'instruction');
    }
  }

  /** 1 is CharBuffer1; firmware differ on other ids, and the lenient ones use CharBuffer2. */
  #slot(id: number | undefined): BufferSlot {
    return id === 1 ? 1 : 2;
  }

  #verifyPassword(p: Uint8Array): Promise<void> {
    const given = new DataView(p.buffer, p.byteOffset, 4).getUint32(0);
    if (given !== this.#password) return this.#reply(CONFIRMATION_CODES.wrongPassword);
    this.#passwordVerified = true;
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #captureImage(): Promise<void> {
    if (!this.#finger) return this.#reply(CONFIRMATION_CODES.noFinger);
    if (this.#liftMidCapture) {
      this.#liftMidCapture = false;
      this.#finger = undefined;
      this.#image = undefined;
      return this.#reply(CONFIRMATION_CODES.imageFailed);
    }
    const seed = this.#nextCaptureSeed();
    const capture = captureFinger(this.#finger, seed);
    const poor = this.#poorImagesLeft > 0;
    if (poor) this.#poorImagesLeft -= 1;
    const jitter = createRng(seed);
    this.#image = {
      finger: this.#finger,
      minutiae: capture.minutiae,
      quality: capture.quality,
      poor,
      shiftX: jitter.between(-12, 12),
      shiftY: jitter.between(-12, 12),
      seed,
    };
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #imageToTemplate(slot: BufferSlot): Promise<void> {
    const image = this.#image;
    if (!image) return this.#reply(CONFIRMATION_CODES.noImage);
    if (image.poor) return this.#reply(CONFIRMATION_CODES.imageMessy);
    if (image.minutiae.length < 8) return this.#reply(CONFIRMATION_CODES.tooFewFeatures);
    this.#charBuffers[slot] = encodeCharFile({ quality: image.quality, minutiae: image.minutiae });
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #score(reference: Uint8Array, probe: Uint8Array): number {
    const a = decodeCharFile(reference);
    const b = decodeCharFile(probe);
    if (!a.ok || !b.ok) return 0;
    return matchMinutiae(a.value.minutiae, b.value.minutiae).score;
  }

  get #threshold(): number {
    return SECURITY_THRESHOLDS[this.#securityLevel];
  }

  #matchBuffers(): Promise<void> {
    const score = this.#score(this.#charBuffers[1], this.#charBuffers[2]);
    this.#lastMatchPassed = score >= this.#threshold;
    return this.#reply(this.#lastMatchPassed ? CONFIRMATION_CODES.ok : CONFIRMATION_CODES.noMatch, word(score));
  }

  #search(slot: BufferSlot, start: number, count: number): Promise<void> {
    if (start >= this.libraryCapacity) return this.#reply(CONFIRMATION_CODES.pageOutOfRange, [0, 0, 0, 0]);
    const end = Math.min(this.libraryCapacity, start + count);
    const probe = this.#charBuffers[slot];
    let best: { page: number; score: number } | undefined;
    for (const [page, stored] of this.#library) {
      if (page < start || page >= end) continue;
      const score = this.#score(stored, probe);
      if (score >= this.#threshold && (!best || score > best.score)) best = { page, score };
    }
    this.#lastMatchPassed = best !== undefined;
    if (!best) return this.#reply(CONFIRMATION_CODES.notFound, [0, 0, 0, 0]);
    return this.#reply(CONFIRMATION_CODES.ok, [...word(best.page), ...word(best.score)]);
  }

  #mergeBuffers(): Promise<void> {
    const a = decodeCharFile(this.#charBuffers[1]);
    const b = decodeCharFile(this.#charBuffers[2]);
    if (!a.ok || !b.ok) return this.#reply(CONFIRMATION_CODES.mergeFailed);
    const match = matchMinutiae(a.value.minutiae, b.value.minutiae);
    if (match.score < this.#threshold) return this.#reply(CONFIRMATION_CODES.mergeFailed);
    const merged = encodeCharFile({
      quality: Math.max(a.value.quality, b.value.quality),
      minutiae: mergeCaptures(a.value.minutiae, b.value.minutiae, match),
    });
    // The datasheet: the template is left in both char buffers.
    this.#charBuffers = { 1: merged, 2: merged.slice() };
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #store(slot: BufferSlot, page: number): Promise<void> {
    if (page >= this.libraryCapacity) return this.#reply(CONFIRMATION_CODES.pageOutOfRange);
    this.#library.set(page, this.#charBuffers[slot].slice());
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #loadChar(slot: BufferSlot, page: number): Promise<void> {
    if (page >= this.libraryCapacity) return this.#reply(CONFIRMATION_CODES.pageOutOfRange);
    const stored = this.#library.get(page);
    if (!stored) return this.#reply(CONFIRMATION_CODES.templateInvalid);
    this.#charBuffers[slot] = stored.slice();
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #delete(start: number, count: number): Promise<void> {
    if (start + count > this.libraryCapacity) return this.#reply(CONFIRMATION_CODES.deleteFailed);
    for (let page = start; page < start + count; page += 1) this.#library.delete(page);
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #setSystemParameter(register: number, value: number): Promise<void> {
    switch (register) {
      case SYSTEM_PARAMETERS.baudRate:
        if (value < 1 || value > 12) return this.#reply(CONFIRMATION_CODES.invalidRegister);
        {
          // The ack is queued at the old speed; only bytes after it use the new one.
          const acknowledged = this.#reply(CONFIRMATION_CODES.ok);
          this.#baudN = value;
          this.#line?.setBaudRate(this.baudRate);
          return acknowledged;
        }
      case SYSTEM_PARAMETERS.securityLevel:
        if (value < 1 || value > 5) return this.#reply(CONFIRMATION_CODES.invalidRegister);
        this.#securityLevel = value as 1 | 2 | 3 | 4 | 5;
        return this.#reply(CONFIRMATION_CODES.ok);
      case SYSTEM_PARAMETERS.packetSize:
        if (value > 3) return this.#reply(CONFIRMATION_CODES.invalidRegister);
        this.#packetSizeCode = value;
        return this.#reply(CONFIRMATION_CODES.ok);
      default:
        return this.#reply(CONFIRMATION_CODES.invalidRegister);
    }
  }

  #readSystemParameters(): Promise<void> {
    const status =
      (this.#lastMatchPassed ? STATUS_PASS : 0) |
      (this.#passwordVerified ? STATUS_PASSWORD_VERIFIED : 0) |
      (this.#image ? STATUS_IMAGE_VALID : 0);
    return this.#reply(CONFIRMATION_CODES.ok, [
      ...word(status),
      ...word(SYSTEM_ID),
      ...word(this.libraryCapacity),
      ...word(this.#securityLevel),
      ...word(Math.floor(this.address / 0x10000)),
      ...word(this.address & 0xffff),
      ...word(this.#packetSizeCode),
      ...word(this.#baudN),
    ]);
  }

  #readIndexPage(indexPage: number): Promise<void> {
    const bitmap = new Array<number>(32).fill(0);
    for (const page of this.#library.keys()) {
      const offset = page - indexPage * 256;
      if (offset < 0 || offset >= 256) continue;
      bitmap[offset >> 3] = (bitmap[offset >> 3] ?? 0) | (1 << (offset & 7));
    }
    return this.#reply(CONFIRMATION_CODES.ok, bitmap);
  }

  #setLed(p: Uint8Array): Promise<void> {
    const [control = 0, speed = 0, colour = 0, count = 0] = p;
    const controlName = (Object.keys(AURA_CONTROLS) as AuraControl[]).find((k) => AURA_CONTROLS[k] === control);
    const colourName = (Object.keys(AURA_COLOURS) as AuraColour[]).find((k) => AURA_COLOURS[k] === colour);
    this.#led = { control: controlName ?? control, speed, colour: colourName ?? colour, count };
    return this.#reply(CONFIRMATION_CODES.ok);
  }

  #packedImage(): Uint8Array {
    const image = this.#image;
    if (!image) return blankPackedImage();
    return renderPackedImage(ridgePatternOf(image.finger), image.shiftX, image.shiftY, image.seed);
  }

  #nextCaptureSeed(): number {
    this.#captureCounter += 1;
    return seedFrom('capture-seed', this.#rng.integer(0, 0xffffffff), this.#captureCounter);
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
      if (!this.#transport) return;
    }
  }

  async #sendFrame(packet: Packet): Promise<void> {
    const line = this.#line;
    if (!line) return;
    let frame = encodePacket(packet);
    if (this.#garbleNext) {
      this.#garbleNext = false;
      const at = frame.length - 3; // last content byte: the checksum no longer adds up
      frame[at] = (frame[at] ?? 0) ^ 0x5a;
    }
    if (this.#truncateNext) {
      this.#truncateNext = false;
      frame = frame.subarray(0, Math.floor(frame.length / 2));
    }
    try {
      await line.write(frame);
    } catch {
      // The line went away mid-reply: the host sees an unplugged module.
    }
  }
}

export type { FingerName, VirtualFinger };
