import { assertNever, err, ok } from '../../common/result';
import type { ByteTransport } from '../transport/types';
import { LinkedDriver } from '../transport/linkedDriver';
import * as capture from './capture';
import { DEFAULT_ADDRESS, readWord, word } from './codec';
import { PacketExchange } from './exchange';
import { type GreyImage, PACKED_IMAGE_LENGTH, unpackImage } from './image';
import { AURA_COLOURS, AURA_CONTROLS, BAUD_UNIT, PACKET_SIZES, type PacketSize, SYSTEM_PARAMETERS } from './instructions';
import {
  type CaptureOptions,
  type CapturedTemplate,
  type CharBuffer,
  type CommandOptions,
  DEFAULT_TIMEOUTS,
  type FingerprintReaderOptions,
  type FingerprintResult,
  type FingerprintTimeouts,
  LED_CUES,
  type LedCue,
  type LedSetting,
  type MatchOutcome,
  type SearchOutcome,
  type SystemParameterChange,
  type SystemParameters,
  TEMPLATE_LENGTH,
} from './readerTypes';

export { DEFAULT_CAPTURE_TIMEOUT_MS } from './capture';
export * from './readerTypes';

/**
 * Byte-level driver for ZFM-20 / R30x / AS608 modules (DEVICES.md §1): one
 * method a command, over the packet exchange (exchange.ts), and the capture a
 * person makes (capture.ts). Every expected failure is a value; templates and
 * images pass through to the caller and are never logged or kept.
 */
export class FingerprintReader extends LinkedDriver {
  readonly #link: PacketExchange;
  readonly #password: number;
  readonly #timeouts: FingerprintTimeouts;

  constructor(transport: ByteTransport, options: FingerprintReaderOptions = {}) {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const link = new PacketExchange(transport, {
      address: options.address ?? DEFAULT_ADDRESS,
      baudRate: options.baudRate ?? 57600,
      packetSize: options.packetSize ?? 128,
      timeouts,
    });
    super(link);
    this.#link = link;
    this.#password = options.password ?? 0;
    this.#timeouts = timeouts;
  }

  /** The packet size the driver believes the module uses. */
  get packetSize(): PacketSize {
    return this.#link.packetSize;
  }

  // ── session ─────────────────────────────────────────────────────────

  async verifyPassword(password = this.#password, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#link.exchange({
      instruction: 'vfyPwd',
      params: [...word(Math.floor(password / 0x10000)), ...word(password & 0xffff)],
      options,
    });
    return outcome.ok ? ok() : outcome;
  }

  async readSystemParameters(options?: CommandOptions): Promise<FingerprintResult<SystemParameters>> {
    const outcome = await this.#link.exchange({ instruction: 'readSysPara', replyLength: 16, options });
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
    this.#link.packetSize = packetSize;
    this.#link.baudRate = parameters.baudRate;
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
    const outcome = await this.#link.exchange({ instruction: 'setSysPara', params: [SYSTEM_PARAMETERS[change.parameter], value], options });
    if (!outcome.ok) return outcome;
    if (change.parameter === 'packetSize') this.#link.packetSize = change.value;
    if (change.parameter === 'baudRate') this.#link.baudRate = change.value;
    return ok();
  }

  // ── capture ─────────────────────────────────────────────────────────

  /** GenImg: one attempt to image the finger on the glass. */
  async captureImage(options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#link.exchange({ instruction: 'genImg', options });
    return outcome.ok ? ok() : outcome;
  }

  /** Img2Tz: features of the last image into a char buffer. */
  async imageToTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#link.exchange({ instruction: 'img2Tz', params: [buffer], options });
    return outcome.ok ? ok() : outcome;
  }

  /**
   * Polls GenImg until a finger is imaged, the time is up or the caller
   * aborts. Guidance follows what the module sees.
   */
  waitForFinger(options: CaptureOptions = {}): Promise<FingerprintResult<void>> {
    return capture.waitForFinger(this, this.#timeouts, options);
  }

  /** Waits for a finger, extracts its features and brings the 512-byte template up to the host. */
  captureTemplate(options: CaptureOptions = {}): Promise<FingerprintResult<CapturedTemplate>> {
    return capture.captureTemplate(this, this.#timeouts, options);
  }

  // ── transfers ───────────────────────────────────────────────────────

  /** UpChar: the char buffer's 512-byte template, module → host. */
  async uploadTemplate(buffer: CharBuffer, options?: CommandOptions): Promise<FingerprintResult<Uint8Array>> {
    const outcome = await this.#link.exchange({ instruction: 'upChar', params: [buffer], receiveBytes: TEMPLATE_LENGTH, options });
    return outcome.ok ? ok(outcome.value.data) : outcome;
  }

  /** DownChar: a 512-byte template, host → module char buffer. */
  async downloadTemplate(buffer: CharBuffer, template: Uint8Array, options?: CommandOptions): Promise<FingerprintResult<void>> {
    if (template.length !== TEMPLATE_LENGTH) {
      return err({ type: 'invalidArgument', message: `a template is ${TEMPLATE_LENGTH} bytes, not ${template.length}` });
    }
    const outcome = await this.#link.exchange({ instruction: 'downChar', params: [buffer], sendData: template, options });
    return outcome.ok ? ok() : outcome;
  }

  /** UpImage: the image buffer, 256 × 288 at 4 bits, widened to 8-bit grey. */
  async uploadImage(options?: CommandOptions): Promise<FingerprintResult<GreyImage>> {
    const outcome = await this.#link.exchange({ instruction: 'upImage', receiveBytes: PACKED_IMAGE_LENGTH, options });
    if (!outcome.ok) return outcome;
    const image = unpackImage(outcome.value.data);
    outcome.value.data.fill(0);
    return ok(image);
  }

  // ── matching and the library ───────────────────────────────────────

  /** Match: char buffer 1 against char buffer 2. */
  async match(options?: CommandOptions): Promise<FingerprintResult<MatchOutcome>> {
    const outcome = await this.#link.exchange({ instruction: 'match', replyLength: 2, options });
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
    const outcome = await this.#link.exchange({
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
    const outcome = await this.#link.exchange({ instruction: 'regModel', options });
    return outcome.ok ? ok() : outcome;
  }

  async store(buffer: CharBuffer, page: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(page, 1);
    if (invalid) return invalid;
    const outcome = await this.#link.exchange({ instruction: 'store', params: [buffer, ...word(page)], options });
    return outcome.ok ? ok() : outcome;
  }

  async loadChar(buffer: CharBuffer, page: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(page, 1);
    if (invalid) return invalid;
    const outcome = await this.#link.exchange({ instruction: 'loadChar', params: [buffer, ...word(page)], options });
    return outcome.ok ? ok() : outcome;
  }

  async deleteTemplates(startPage: number, count: number, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const invalid = checkPageRange(startPage, count);
    if (invalid) return invalid;
    const outcome = await this.#link.exchange({ instruction: 'deleteChar', params: [...word(startPage), ...word(count)], options });
    return outcome.ok ? ok() : outcome;
  }

  async emptyLibrary(options?: CommandOptions): Promise<FingerprintResult<void>> {
    const outcome = await this.#link.exchange({ instruction: 'empty', options });
    return outcome.ok ? ok() : outcome;
  }

  async templateCount(options?: CommandOptions): Promise<FingerprintResult<number>> {
    const outcome = await this.#link.exchange({ instruction: 'templateNum', replyLength: 2, options });
    return outcome.ok ? ok(readWord(outcome.value.reply, 0)) : outcome;
  }

  /** ReadConList: the occupied pages among the 256 an index page covers. */
  async readIndexTable(indexPage: 0 | 1 | 2 | 3, options?: CommandOptions): Promise<FingerprintResult<number[]>> {
    if (![0, 1, 2, 3].includes(indexPage)) return err({ type: 'invalidArgument', message: `index page ${indexPage} is not 0..3` });
    const outcome = await this.#link.exchange({ instruction: 'readConList', params: [indexPage], replyLength: 32, options });
    if (!outcome.ok) return outcome;
    const pages: number[] = [];
    outcome.value.reply.subarray(0, 32).forEach((byte, index) => {
      for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) pages.push(indexPage * 256 + index * 8 + bit);
    });
    return ok(pages);
  }

  async getRandomCode(options?: CommandOptions): Promise<FingerprintResult<number>> {
    const outcome = await this.#link.exchange({ instruction: 'getRandomCode', replyLength: 4, options });
    if (!outcome.ok) return outcome;
    return ok((readWord(outcome.value.reply, 0) * 0x10000 + readWord(outcome.value.reply, 2)) >>> 0);
  }

  /** R503 aura LED; modules without one refuse with a packet error. */
  async setLed(setting: LedSetting | LedCue, options?: CommandOptions): Promise<FingerprintResult<void>> {
    const led = typeof setting === 'string' ? LED_CUES[setting] : setting;
    const speed = led.speed ?? 0;
    const count = led.count ?? 0;
    if (!isByte(speed) || !isByte(count)) return err({ type: 'invalidArgument', message: 'LED speed and count are 0..255' });
    const outcome = await this.#link.exchange({
      instruction: 'auraLed',
      params: [AURA_CONTROLS[led.control], speed, AURA_COLOURS[led.colour], count],
      options,
    });
    return outcome.ok ? ok() : outcome;
  }
}

function checkPageRange(start: number, count: number): FingerprintResult<never> | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start > 0xffff || count > 0xffff) {
    return err({ type: 'invalidArgument', message: `pages ${start} + ${count} are not 16-bit page numbers` });
  }
  return undefined;
}

const isByte = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 255;
