import { SerialLock } from '../../common/lock';
import { assertNever, err, ok, type Result } from '../../common/result';
import { sleep } from '../../common/time';
import { lineTimeMs } from '../transport/pacing';
import type { ByteTransport } from '../transport/types';
import { DEFAULT_ADDRESS, type DecoderEvent, encodePacket, FRAME_OVERHEAD, type Packet, PacketDecoder } from './codec';
import { type GreyImage, PACKED_IMAGE_LENGTH, unpackImage } from './image';
import {
  AURA_COLOURS,
  AURA_CONTROLS,
  type AuraColour,
  type AuraControl,
  BAUD_UNIT,
  type DeviceRefusal,
  INSTRUCTIONS,
  type InstructionName,
  PACKET_SIZES,
  type PacketSize,
  refusal,
  SYSTEM_PARAMETERS,
} from './instructions';

/** A template (char file) is 512 bytes on every module of this family. */
export const TEMPLATE_LENGTH = 512;

export type CharBuffer = 1 | 2;

export type FingerprintError =
  | DeviceRefusal
  | { readonly type: 'timeout'; readonly instruction: InstructionName }
  | { readonly type: 'disconnected' }
  | { readonly type: 'aborted' }
  /** The reply arrived damaged or did not have the shape the instruction promises. */
  | {
      readonly type: 'garbled';
      readonly instruction: InstructionName;
      readonly detail: 'badChecksum' | 'badLength' | 'unknownPacketId' | 'shortReply' | 'wrongDataLength';
    }
  | { readonly type: 'invalidArgument'; readonly message: string };

export type FingerprintResult<T> = Result<T, FingerprintError>;

/** What the kiosk screen should tell the person at the reader. */
export type CaptureGuidance = 'waiting' | 'noFinger' | 'imageCaptured' | 'poorQuality' | 'liftAndPlaceAgain';

export interface FingerprintTimeouts {
  /** A command with a short reply. */
  commandMs: number;
  /** Added to twice the line time of a data transfer. */
  transferMarginMs: number;
  /** After a failed exchange, the line must be quiet this long before the next command. */
  resyncQuietMs: number;
  /** Between GenImg polls while no finger is on the glass. */
  fingerPollMs: number;
}

/**
 * How long a person has to put a usable finger down when the caller does not
 * say: the one default, for the driver and the core's fingerprint device.
 */
export const DEFAULT_CAPTURE_TIMEOUT_MS = 20_000;

export const DEFAULT_TIMEOUTS: FingerprintTimeouts = {
  commandMs: 1000,
  transferMarginMs: 1000,
  resyncQuietMs: 30,
  fingerPollMs: 40,
};

export interface FingerprintReaderOptions {
  address?: number;
  password?: number;
  /** The line speed; only used to size transfer timeouts. */
  baudRate?: number;
  /** Until ReadSysPara says otherwise; DownChar must send packets of exactly this size. */
  packetSize?: PacketSize;
  timeouts?: Partial<FingerprintTimeouts>;
}

export interface CommandOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface CaptureOptions {
  signal?: AbortSignal;
  /** How long to wait for a usable finger, in all. */
  timeoutMs?: number;
  onGuidance?: (guidance: CaptureGuidance) => void;
  /** Char buffer the template is built in. */
  buffer?: CharBuffer;
  /** Images rejected as messy before the capture gives up. */
  maxPoorImages?: number;
}

export interface CapturedTemplate {
  readonly template: Uint8Array;
  /**
   * 0..100: 100 when the first image converted cleanly, 25 less for each
   * image the module rejected. The module reports no quality of its own.
   */
  readonly quality: number;
  readonly attempts: number;
}

export interface SystemParameters {
  readonly statusRegister: number;
  readonly systemId: number;
  readonly libraryCapacity: number;
  readonly securityLevel: number;
  readonly address: number;
  readonly packetSize: PacketSize;
  readonly baudRate: number;
}

export type SystemParameterChange =
  | { readonly parameter: 'baudRate'; readonly value: number }
  | { readonly parameter: 'securityLevel'; readonly value: 1 | 2 | 3 | 4 | 5 }
  | { readonly parameter: 'packetSize'; readonly value: PacketSize };

export type MatchOutcome = { readonly matched: true; readonly score: number } | { readonly matched: false; readonly score: number };
export type SearchOutcome = { readonly found: true; readonly page: number; readonly score: number } | { readonly found: false };

export interface LedSetting {
  control: AuraControl;
  colour: AuraColour;
  /** 0..255; lower is faster for breathing and flashing. */
  speed?: number;
  /** Flashes or breaths; 0 = for ever. */
  count?: number;
}

/** LED cues a kiosk uses: ready for a finger, accepted, rejected. */
export type LedCue = 'waiting' | 'ok' | 'fail';
export const LED_CUES: Record<LedCue, LedSetting> = {
  waiting: { control: 'breathing', colour: 'blue', speed: 100, count: 0 },
  ok: { control: 'on', colour: 'purple' },
  fail: { control: 'flashing', colour: 'red', speed: 40, count: 3 },
};

interface ExchangeRequest {
  instruction: InstructionName;
  params?: readonly number[];
  /** Bytes after the cc in a successful reply. */
  replyLength?: number;
  /** Total data bytes the module sends after a cc 00. */
  receiveBytes?: number;
  /** Data the host sends after a cc 00. */
  sendData?: Uint8Array;
  options?: CommandOptions;
}

interface ExchangeReply {
  readonly reply: Uint8Array;
  readonly data: Uint8Array;
}

type Finish = (outcome: FingerprintResult<ExchangeReply>) => void;

const word = (value: number): [number, number] => [(value >> 8) & 0xff, value & 0xff];
const readWord = (bytes: Uint8Array, at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

/**
 * Byte-level driver for ZFM-20 / R30x / AS608 modules (DEVICES.md §1). Every
 * expected failure is a value; templates and images pass through to the
 * caller and are never logged or kept.
 */
export class FingerprintReader {
  readonly #transport: ByteTransport;
  readonly #address: number;
  readonly #password: number;
  readonly #timeouts: FingerprintTimeouts;
  readonly #decoder = new PacketDecoder();
  /** One command at a time: each waits for the one before to finish. */
  readonly #lock = new SerialLock();
  #baudRate: number;
  #packetSize: PacketSize;
  #onEvent: ((event: DecoderEvent) => void) | undefined;
  #abandonExchange: Finish | undefined;
  #lastByteAt = 0;
  #needsResync = false;
  #disconnected = false;
  readonly #unsubscribe: (() => void)[];

  constructor(transport: ByteTransport, options: FingerprintReaderOptions = {}) {
    this.#transport = transport;
    this.#address = options.address ?? DEFAULT_ADDRESS;
    this.#password = options.password ?? 0;
    this.#baudRate = options.baudRate ?? 57600;
    this.#packetSize = options.packetSize ?? 128;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#disconnected = !transport.isOpen;
    this.#unsubscribe = [
      transport.onData((chunk) => {
        this.#lastByteAt = performance.now();
        for (const event of this.#decoder.push(chunk)) this.#onEvent?.(event);
      }),
      transport.onClose(() => {
        this.#disconnected = true;
        this.#abandonExchange?.(err({ type: 'disconnected' }));
      }),
    ];
  }

  get isConnected(): boolean {
    return !this.#disconnected;
  }

  /** The packet size the driver believes the module uses. */
  get packetSize(): PacketSize {
    return this.#packetSize;
  }

  /** Stops listening to the transport; does not close it. */
  dispose(): void {
    for (const undo of this.#unsubscribe) undo();
  }

  // ── session ─────────────────────────────────────────────────────────

  async verifyPassword(password = this.#password, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#exchange({
      instruction: 'vfyPwd',
      params: [...word(Math.floor(password / 0x10000)), ...word(password & 0xffff)],
      options,
    });
    return outcome.ok ? ok() : outcome;
  }

  async readSystemParameters(options?: CommandOptions): Promise<FingerprintResult<SystemParameters>> {
    const outcome = await this.#exchange({ instruction: 'readSysPara', replyLength: 16, options });
    if (!outcome.ok) return outcome;
    const r = outcome.value.reply;
    const packetSize = PACKET_SIZES[readWord(r, 12)];
    if (packetSize === undefined) return err({ type: 'garbled', instruction: 'readSysPara', detail: 'badLength' });
    const parameters: SystemParameters = {
      statusRegister: readWord(r, 0),
      systemId: readWord(r, 2),
      libraryCapacity: readWord(r, 4),
      securityLevel: readWord(r, 6),
      address: (readWord(r, 8) * 0x10000 + readWord(r, 10)) >>> 0,
      packetSize,
      baudRate: readWord(r, 14) * BAUD_UNIT,
    };
    this.#packetSize = packetSize;
    this.#baudRate = parameters.baudRate;
    return ok(parameters);
  }

  async setSystemParameter(change: SystemParameterChange, options?: CommandOptions): Promise<FingerprintResult<void>> {
    let value: number;
    switch (change.parameter) {
      case 'baudRate':
        value = change.value / BAUD_UNIT;
        if (!Number.isInteger(value) || value < 1 || value > 12) {
          return err({ type: 'invalidArgument', message: `baud rate ${change.value} is not 9600 × N for N in 1..12` });
        }
        break;
      case 'securityLevel':
        value = change.value;
        if (!Number.isInteger(value) || value < 1 || value > 5) {
          return err({ type: 'invalidArgument', message: `security level ${change.value} is not 1..5` });
        }
        break;
      case 'packetSize':
        value = PACKET_SIZES.indexOf(change.value);
        if (value < 0) return err({ type: 'invalidArgument', message: `packet size ${change.value} is not 32, 64, 128 or 256` });
        break;
      default:
        return assertNever(change, 'system parameter');
    }
    const outcome = await this.#exchange({ instruction: 'setSysPara', params: [SYSTEM_PARAMETERS[change.parameter], value], options });
    if (!outcome.ok) return outcome;
    if (change.parameter === 'packetSize') this.#packetSize = change.value;
    if (change.parameter === 'baudRate') this.#baudRate = change.value;
    return ok();
  }

  // ── capture ─────────────────────────────────────────────────────────

  /** GenImg: one attempt to image the finger on the glass. */
  async captureImage(options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#exchange({ instruction: 'genImg', options });
    return outcome.ok ? ok() : outcome;
  }

  /** Img2Tz: features of the last image into a char buffer. */
  async imageToTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#exchange({ instruction: 'img2Tz', params: [buffer], options });
    return outcome.ok ? ok() : outcome;
  }

  /**
   * Polls GenImg until a finger is imaged, the time is up or the caller
   * aborts. Guidance follows what the module sees.
   */
  async waitForFinger(options: CaptureOptions = {}): Promise<FingerprintResult<void>> {
    const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS);
    return this.#waitForFingerUntil(deadline, options, { fingerSeen: false });
  }

  async #waitForFingerUntil(deadline: number, options: CaptureOptions, state: { fingerSeen: boolean }): Promise<FingerprintResult<void>> {
    const guide = options.onGuidance ?? (() => undefined);
    guide('waiting');
    for (;;) {
      if (options.signal?.aborted) return err({ type: 'aborted' });
      const remaining = deadline - performance.now();
      if (remaining <= 0) return err({ type: 'timeout', instruction: 'genImg' });
      const attempt = await this.captureImage({
        signal: options.signal,
        timeoutMs: Math.min(this.#timeouts.commandMs, Math.max(remaining, 1)),
      });
      if (attempt.ok) {
        state.fingerSeen = true;
        guide('imageCaptured');
        return ok();
      }
      const failure = attempt.error;
      if (failure.type === 'refused' && failure.reason === 'noFinger') {
        if (state.fingerSeen) {
          state.fingerSeen = false;
          guide('noFinger');
        }
      } else if (failure.type === 'refused' && failure.reason === 'imageFailed') {
        // The finger moved or left while the image was taken.
        state.fingerSeen = true;
        guide('liftAndPlaceAgain');
      } else {
        return attempt;
      }
      await sleep(Math.min(this.#timeouts.fingerPollMs, Math.max(0, deadline - performance.now())), { signal: options.signal });
    }
  }

  /** Waits for a finger, extracts its features and brings the 512-byte template up to the host. */
  async captureTemplate(options: CaptureOptions = {}): Promise<FingerprintResult<CapturedTemplate>> {
    const buffer = options.buffer ?? 1;
    const maxPoorImages = options.maxPoorImages ?? 3;
    const deadline = performance.now() + (options.timeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS);
    const guide = options.onGuidance ?? (() => undefined);
    const state = { fingerSeen: false };
    let rejected = 0;
    for (;;) {
      const imaged = await this.#waitForFingerUntil(deadline, options, state);
      if (!imaged.ok) return imaged;
      const extracted = await this.imageToTemplate(buffer, { signal: options.signal });
      if (extracted.ok) break;
      const failure = extracted.error;
      if (failure.type !== 'refused') return extracted;
      if (failure.reason === 'imageMessy' || failure.reason === 'tooFewFeatures') {
        rejected += 1;
        guide('poorQuality');
        if (rejected > maxPoorImages) return extracted;
        guide('liftAndPlaceAgain');
      } else if (failure.reason === 'noImage') {
        guide('liftAndPlaceAgain');
      } else {
        return extracted;
      }
    }
    const uploaded = await this.uploadTemplate(buffer, { signal: options.signal });
    if (!uploaded.ok) return uploaded;
    return ok({ template: uploaded.value, quality: Math.max(0, 100 - 25 * rejected), attempts: rejected + 1 });
  }

  // ── transfers ───────────────────────────────────────────────────────

  /** UpChar: the char buffer's 512-byte template, module → host. */
  async uploadTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<Uint8Array>> {
    const outcome = await this.#exchange({ instruction: 'upChar', params: [buffer], receiveBytes: TEMPLATE_LENGTH, options });
    return outcome.ok ? ok(outcome.value.data) : outcome;
  }

  /** DownChar: a 512-byte template, host → module char buffer. */
  async downloadTemplate(buffer: CharBuffer, template: Uint8Array, options?: CommandOptions): Promise<FingerprintResult<void>> {
    if (template.length !== TEMPLATE_LENGTH) {
      return err({ type: 'invalidArgument', message: `a template is ${TEMPLATE_LENGTH} bytes, not ${template.length}` });
    }
    const outcome = await this.#exchange({ instruction: 'downChar', params: [buffer], sendData: template, options });
    return outcome.ok ? ok() : outcome;
  }

  /** UpImage: the image buffer, 256 × 288 at 4 bits, widened to 8-bit grey. */
  async uploadImage(options?: CommandOptions): Promise<FingerprintResult<GreyImage>> {
    const outcome = await this.#exchange({ instruction: 'upImage', receiveBytes: PACKED_IMAGE_LENGTH, options });
    if (!outcome.ok) return outcome;
    const image = unpackImage(outcome.value.data);
    outcome.value.data.fill(0);
    return ok(image);
  }

  // ── matching and the library ───────────────────────────────────────

  /** Match: char buffer 1 against char buffer 2. */
  async match(options?: CommandOptions): Promise<FingerprintResult<MatchOutcome>> {
    const outcome = await this.#exchange({ instruction: 'match', replyLength: 2, options });
    if (outcome.ok) return ok({ matched: true, score: readWord(outcome.value.reply, 0) });
    if (outcome.error.type === 'refused' && outcome.error.reason === 'noMatch') return ok({ matched: false, score: 0 });
    return outcome;
  }

  async search(
    query: { buffer?: CharBuffer; startPage?: number; pageCount?: number } = {},
    options?: CommandOptions,
  ): Promise<FingerprintResult<SearchOutcome>> {
    const start = query.startPage ?? 0;
    const count = query.pageCount ?? 1000;
    const invalid = checkPageRange(start, count);
    if (invalid) return invalid;
    const outcome = await this.#exchange({
      instruction: 'search',
      params: [query.buffer ?? 1, ...word(start), ...word(count)],
      replyLength: 4,
      options,
    });
    if (outcome.ok) return ok({ found: true, page: readWord(outcome.value.reply, 0), score: readWord(outcome.value.reply, 2) });
    if (outcome.error.type === 'refused' && outcome.error.reason === 'notFound') return ok({ found: false });
    return outcome;
  }

  /** RegModel: two captures in buffers 1 and 2 become one enrolment template (left in both). */
  async mergeCaptures(options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#exchange({ instruction: 'regModel', options });
    return outcome.ok ? ok() : outcome;
  }

  async store(buffer: CharBuffer, page: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(page, 1);
    if (invalid) return invalid;
    const outcome = await this.#exchange({ instruction: 'store', params: [buffer, ...word(page)], options });
    return outcome.ok ? ok() : outcome;
  }

  async loadChar(buffer: CharBuffer, page: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(page, 1);
    if (invalid) return invalid;
    const outcome = await this.#exchange({ instruction: 'loadChar', params: [buffer, ...word(page)], options });
    return outcome.ok ? ok() : outcome;
  }

  async deleteTemplates(startPage: number, count: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(startPage, count);
    if (invalid) return invalid;
    const outcome = await this.#exchange({ instruction: 'deleteChar', params: [...word(startPage), ...word(count)], options });
    return outcome.ok ? ok() : outcome;
  }

  async emptyLibrary(options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#exchange({ instruction: 'empty', options });
    return outcome.ok ? ok() : outcome;
  }

  async templateCount(options?: CommandOptions): Promise<FingerprintResult<number>> {
    const outcome = await this.#exchange({ instruction: 'templateNum', replyLength: 2, options });
    return outcome.ok ? ok(readWord(outcome.value.reply, 0)) : outcome;
  }

  /** ReadConList: the occupied pages among the 256 an index page covers. */
  async readIndexTable(indexPage: 0 | 1 | 2 | 3, options?: CommandOptions): Promise<FingerprintResult<number[]>> {
    if (![0, 1, 2, 3].includes(indexPage)) return err({ type: 'invalidArgument', message: `index page ${indexPage} is not 0..3` });
    const outcome = await this.#exchange({ instruction: 'readConList', params: [indexPage], replyLength: 32, options });
    if (!outcome.ok) return outcome;
    const pages: number[] = [];
    outcome.value.reply.subarray(0, 32).forEach((byte, index) => {
      for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) pages.push(indexPage * 256 + index * 8 + bit);
    });
    return ok(pages);
  }

  async getRandomCode(options?: CommandOptions): Promise<FingerprintResult<number>> {
    const outcome = await this.#exchange({ instruction: 'getRandomCode', replyLength: 4, options });
    if (!outcome.ok) return outcome;
    return ok((readWord(outcome.value.reply, 0) * 0x10000 + readWord(outcome.value.reply, 2)) >>> 0);
  }

  /** R503 aura LED; modules without one refuse with a packet error. */
  async setLed(setting: LedSetting | LedCue, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const led = typeof setting === 'string' ? LED_CUES[setting] : setting;
    const speed = led.speed ?? 0;
    const count = led.count ?? 0;
    if (!isByte(speed) || !isByte(count)) return err({ type: 'invalidArgument', message: 'LED speed and count are 0..255' });
    const outcome = await this.#exchange({
      instruction: 'auraLed',
      params: [AURA_CONTROLS[led.control], speed, AURA_COLOURS[led.colour], count],
      options,
    });
    return outcome.ok ? ok() : outcome;
  }

  // ── the exchange ───────────────────────────────────────────────────

  #transferTimeout(bytes: number): number {
    const packets = Math.ceil(bytes / this.#packetSize) + 1;
    const lineMs = lineTimeMs(bytes + packets * FRAME_OVERHEAD, { baudRate: this.#baudRate, bitsPerChar: 10 });
    return this.#timeouts.commandMs + this.#timeouts.transferMarginMs + 2 * lineMs;
  }

  async #exchange(request: ExchangeRequest): Promise<FingerprintResult<ExchangeReply>> {
    const signal = request.options?.signal;
    if (signal?.aborted) return err({ type: 'aborted' });
    if (this.#disconnected) return err({ type: 'disconnected' });
    const ticket = this.#lock.acquire();
    const turn = await raceAbort(ticket, signal);
    if (turn === 'aborted') {
      void ticket.then((release) => release());
      return err({ type: 'aborted' });
    }
    try {
      if (this.#disconnected) return err({ type: 'disconnected' });
      if (this.#needsResync) await this.#waitForQuietLine(signal);
      if (signal?.aborted) return err({ type: 'aborted' });
      this.#decoder.reset();
      const outcome = await this.#run(request);
      if (!outcome.ok && outcome.error.type !== 'refused') this.#needsResync = true;
      return outcome;
    } finally {
      this.#onEvent = undefined;
      this.#abandonExchange = undefined;
      turn();
    }
  }

  /**
   * Lets the tail of an abandoned reply drain away, so it is not read as the
   * next one: the line must stay quiet for a while from now, since bytes
   * already in flight have not arrived yet. (The protocol has no sequence
   * numbers; a reply later than that still cannot be told apart.)
   */
  async #waitForQuietLine(signal: AbortSignal | undefined): Promise<void> {
    const quiet = this.#timeouts.resyncQuietMs;
    const started = performance.now();
    const giveUpAt = started + this.#transferTimeout(PACKED_IMAGE_LENGTH);
    for (;;) {
      const now = performance.now();
      const since = now - Math.max(this.#lastByteAt, started);
      if (since >= quiet || now > giveUpAt || signal?.aborted) break;
      await sleep(quiet - since, { signal });
    }
    this.#needsResync = false;
  }

  #run(request: ExchangeRequest): Promise<FingerprintResult<ExchangeReply>> {
    const { instruction } = request;
    const receiveBytes = request.receiveBytes ?? 0;
    const timeoutMs =
      request.options?.timeoutMs ??
      (receiveBytes > 0 || request.sendData ? this.#transferTimeout(receiveBytes + (request.sendData?.length ?? 0)) : this.#timeouts.commandMs);
    const signal = request.options?.signal;

    return new Promise((resolve) => {
      let settled = false;
      let reply: Uint8Array | undefined;
      const parts: Uint8Array[] = [];
      let received = 0;

      const finish: Finish = (outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#onEvent = undefined;
        if (!outcome.ok) for (const part of parts) part.fill(0);
        resolve(outcome);
      };
      const onAbort = (): void => finish(err({ type: 'aborted' }));
      const timer = setTimeout(() => finish(err({ type: 'timeout', instruction })), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#abandonExchange = finish;

      const completeData = (): void => {
        const data = new Uint8Array(received);
        let offset = 0;
        for (const part of parts) {
          data.set(part, offset);
          offset += part.length;
          part.fill(0);
        }
        if (received !== receiveBytes) {
          data.fill(0);
          finish(err({ type: 'garbled', instruction, detail: 'wrongDataLength' }));
          return;
        }
        finish(ok({ reply: reply ?? new Uint8Array(0), data }));
      };

      this.#onEvent = (event) => {
        switch (event.type) {
          case 'packet':
            return onPacket(event.packet);
          case 'badChecksum':
          case 'badLength':
          case 'unknownPacketId':
            if (event.address !== this.#address) return;
            return finish(err({ type: 'garbled', instruction, detail: event.type }));
          case 'truncated':
          case 'noise':
          case 'powerUp':
            return;
          default:
            return assertNever(event, 'decoder event');
        }
      };

      const onPacket = (packet: Packet): void => {
        if (packet.address !== this.#address) return;
        if (reply === undefined) {
          // Data packets before our ack are the tail of an abandoned transfer.
          if (packet.kind !== 'ack') return;
          const code = packet.content[0];
          if (code === undefined) return finish(err({ type: 'garbled', instruction, detail: 'shortReply' }));
          if (code !== 0) return finish(err(refusal(instruction, code)));
          if (packet.content.length - 1 < (request.replyLength ?? 0)) {
            return finish(err({ type: 'garbled', instruction, detail: 'shortReply' }));
          }
          reply = packet.content.subarray(1);
          if (request.sendData) {
            void this.#sendData(request.sendData).then((sent) => finish(sent.ok ? ok({ reply: reply ?? new Uint8Array(0), data: new Uint8Array(0) }) : sent));
            return;
          }
          if (receiveBytes === 0) return finish(ok({ reply, data: new Uint8Array(0) }));
          return;
        }
        if (packet.kind !== 'data' && packet.kind !== 'endData') return;
        parts.push(packet.content);
        received += packet.content.length;
        if (received > receiveBytes) return finish(err({ type: 'garbled', instruction, detail: 'wrongDataLength' }));
        if (packet.kind === 'endData') completeData();
      };

      const command = encodePacket({
        address: this.#address,
        kind: 'command',
        content: Uint8Array.from([INSTRUCTIONS[instruction], ...(request.params ?? [])]),
      });
      this.#transport.write(command).catch(() => {
        finish(this.#transport.isOpen ? err({ type: 'timeout', instruction }) : this.#linkLost());
      });
    });
  }

  /** Data packets of exactly the configured size, the last one PID 08; the module acknowledges none. */
  async #sendData(data: Uint8Array): Promise<FingerprintResult<void>> {
    const size = this.#packetSize;
    try {
      for (let offset = 0; offset < data.length; offset += size) {
        const last = offset + size >= data.length;
        await this.#transport.write(
          encodePacket({ address: this.#address, kind: last ? 'endData' : 'data', content: data.subarray(offset, offset + size) }),
        );
      }
      return ok();
    } catch {
      return this.#transport.isOpen ? err({ type: 'disconnected' }) : this.#linkLost();
    }
  }

  /**
   * A write found the port closed: the reader is gone from now on, even if the
   * transport's close notice has not arrived yet (so `isConnected` and the next
   * command agree with the answer just given).
   */
  #linkLost(): FingerprintResult<never> {
    this.#disconnected = true;
    return err({ type: 'disconnected' });
  }
}

function checkPageRange(start: number, count: number): FingerprintResult<never> | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start > 0xffff || count > 0xffff) {
    return err({ type: 'invalidArgument', message: `pages ${start} + ${count} are not 16-bit page numbers` });
  }
  return undefined;
}

const isByte = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 255;

async function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | 'aborted'> {
  if (!signal) return promise;
  return new Promise((resolve) => {
    const onAbort = (): void => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
  });
}
