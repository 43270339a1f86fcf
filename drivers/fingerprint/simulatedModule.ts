import { assertNever } from '../../common/result';
import { readWord, word } from './codec';
import {
  AURA_COLOURS,
  AURA_CONTROLS,
  type AuraColour,
  type AuraControl,
  BAUD_UNIT,
  CONFIRMATION_CODES,
  instructionNameOf,
  PACKET_SIZES,
  PARAMETER_LENGTHS,
  type PacketSize,
  SYSTEM_PARAMETERS,
} from './instructions';
import { TemplateLibrary } from './simulatedLibrary';
import { packedImageOf, type SensorImage, SimulatedSensor } from './simulatedSensor';
import type { SimulatorFaults } from './simulatorFaults';
import { captureFinger } from '../../common/fingerprint/capture';
import { CHAR_FILE_LENGTH, decodeCharFile, encodeCharFile } from '../../common/fingerprint/charFile';
import type { VirtualFinger } from '../../common/fingerprint/fingers';
import { matchMinutiae } from '../../common/fingerprint/match';
import { mergeCaptures } from '../../common/fingerprint/merge';
import { createRng, type Rng, seedFrom } from '../../common/fingerprint/prng';

/**
 * The simulated module without its line: the library and system parameters
 * (flash), two char buffers and an image buffer (lost with power), the finger
 * on the glass, and what each instruction does to them. The simulator frames
 * and paces what it answers.
 */

export interface AuraState {
  readonly control: AuraControl | number;
  readonly speed: number;
  readonly colour: AuraColour | number;
  readonly count: number;
}

export type BufferSlot = 1 | 2;

/** What the module answers one command with. */
interface Answer {
  /** The confirmation code of the ack. */
  readonly code: number;
  /** Bytes after the code in the ack. */
  readonly payload?: readonly number[];
  /** Data packets that follow the ack (UpChar, UpImage). */
  readonly data?: Uint8Array;
  /** After the ack the host sends a template into this buffer (DownChar). */
  readonly receiveInto?: BufferSlot;
  /** The baud rate changed: the ack still goes at the old speed, everything after it at the new. */
  readonly baudChanged?: boolean;
}

interface ModuleSettings {
  readonly address: number;
  readonly password: number;
  /** N of 9600 × N. */
  readonly baudN: number;
  readonly packetSize: PacketSize;
  readonly securityLevel: 1 | 2 | 3 | 4 | 5;
  readonly libraryCapacity: number;
  readonly seed: number;
}

/** Match score needed at each security level, on the synthetic 0..100 scale. */
const SECURITY_THRESHOLDS = { 1: 20, 2: 25, 3: 30, 4: 35, 5: 40 } as const;

// Bit 0 (busy) never shows between commands: the simulator runs one at a time.
const STATUS_PASS = 0x2;
const STATUS_PASSWORD_VERIFIED = 0x4;
const STATUS_IMAGE_VALID = 0x8;
const SYSTEM_ID = 0x0009;

const reply = (code: number, payload: readonly number[] = []): Answer => ({ code, payload });

export class SimulatedModule {
  readonly address: number;
  readonly library: TemplateLibrary;
  readonly sensor = new SimulatedSensor();
  readonly #faults: SimulatorFaults;
  #password: number;
  #baudN: number;
  #packetSizeCode: number;
  #securityLevel: 1 | 2 | 3 | 4 | 5;
  readonly #rng: Rng;
  #captureCounter = 0;

  #charBuffers: Record<BufferSlot, Uint8Array> = { 1: new Uint8Array(CHAR_FILE_LENGTH), 2: new Uint8Array(CHAR_FILE_LENGTH) };
  #image: SensorImage | undefined;
  #passwordVerified = false;
  #lastMatchPassed = false;
  #led: AuraState | undefined;

  constructor(settings: ModuleSettings, faults: SimulatorFaults) {
    this.address = settings.address;
    this.#password = settings.password;
    this.#baudN = settings.baudN;
    this.#packetSizeCode = PACKET_SIZES.indexOf(settings.packetSize);
    this.#securityLevel = settings.securityLevel;
    this.library = new TemplateLibrary(settings.libraryCapacity);
    this.#rng = createRng(settings.seed);
    this.#faults = faults;
  }

  /** Volatile state is lost with power; the library and system parameters are in flash. */
  powerUp(): void {
    this.#passwordVerified = false;
    this.#image = undefined;
    this.#charBuffers = { 1: new Uint8Array(CHAR_FILE_LENGTH), 2: new Uint8Array(CHAR_FILE_LENGTH) };
    this.#led = undefined;
  }

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

  /** Puts an enrolled template straight into flash, for setting up a scene. */
  enrolDirectly(page: number, finger: VirtualFinger): void {
    if (page < 0 || page >= this.library.capacity) throw new RangeError(`page ${page} is outside the library`);
    this.library.write(page, encodeCharFile(captureFinger(finger, this.#nextCaptureSeed())));
  }

  /** The template a DownChar brought, cut or padded to a char file. */
  receiveTemplate(slot: BufferSlot, parts: readonly Uint8Array[]): void {
    const received = new Uint8Array(CHAR_FILE_LENGTH);
    let offset = 0;
    for (const part of parts) {
      received.set(part.subarray(0, Math.max(0, CHAR_FILE_LENGTH - offset)), offset);
      offset += part.length;
    }
    this.#charBuffers[slot] = received;
  }

  // ── instructions ────────────────────────────────────────────────────

  /** One command packet's content (instruction code and parameters) executed; what the module answers. */
  execute(content: Uint8Array): Answer {
    const code = content[0];
    const name = code === undefined ? undefined : instructionNameOf(code);
    // Unknown instructions get a packet error: answering keeps clients from hanging.
    if (name === undefined || content.length - 1 < PARAMETER_LENGTHS[name]) {
      return reply(CONFIRMATION_CODES.packetError);
    }
    if (name !== 'vfyPwd' && this.#password !== 0 && !this.#passwordVerified) {
      return reply(CONFIRMATION_CODES.passwordRequired);
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
        return { code: CONFIRMATION_CODES.ok, data: this.#charBuffers[this.#slot(p[0])] };
      case 'downChar':
        return { code: CONFIRMATION_CODES.ok, receiveInto: this.#slot(p[0]) };
      case 'upImage':
        return { code: CONFIRMATION_CODES.ok, data: packedImageOf(this.#image) };
      case 'deleteChar':
        return this.#delete(readWord(p, 0), readWord(p, 2));
      case 'empty':
        this.library.clear();
        return reply(CONFIRMATION_CODES.ok);
      case 'setSysPara':
        return this.#setSystemParameter(p[0] ?? 0, p[1] ?? 0);
      case 'readSysPara':
        return this.#readSystemParameters();
      case 'getRandomCode':
        return reply(CONFIRMATION_CODES.ok, [0, 1, 2, 3].map(() => this.#rng.integer(0, 255)));
      case 'templateNum':
        return reply(CONFIRMATION_CODES.ok, word(this.library.size));
      case 'readConList':
        return reply(CONFIRMATION_CODES.ok, this.library.indexBitmap(p[0] ?? 0));
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

  #verifyPassword(p: Uint8Array): Answer {
    const given = new DataView(p.buffer, p.byteOffset, 4).getUint32(0);
    if (given !== this.#password) return reply(CONFIRMATION_CODES.wrongPassword);
    this.#passwordVerified = true;
    return reply(CONFIRMATION_CODES.ok);
  }

  #captureImage(): Answer {
    if (!this.sensor.finger) return reply(CONFIRMATION_CODES.noFinger);
    if (this.#faults.takeLiftMidCapture()) {
      this.sensor.lift();
      this.#image = undefined;
      return reply(CONFIRMATION_CODES.imageFailed);
    }
    this.#image = this.sensor.capture(this.#nextCaptureSeed());
    return reply(CONFIRMATION_CODES.ok);
  }

  #imageToTemplate(slot: BufferSlot): Answer {
    const image = this.#image;
    if (!image) return reply(CONFIRMATION_CODES.noImage);
    if (image.poor) return reply(CONFIRMATION_CODES.imageMessy);
    if (image.minutiae.length < 8) return reply(CONFIRMATION_CODES.tooFewFeatures);
    this.#charBuffers[slot] = encodeCharFile({ quality: image.quality, minutiae: image.minutiae });
    return reply(CONFIRMATION_CODES.ok);
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

  #matchBuffers(): Answer {
    const score = this.#score(this.#charBuffers[1], this.#charBuffers[2]);
    this.#lastMatchPassed = score >= this.#threshold;
    return reply(this.#lastMatchPassed ? CONFIRMATION_CODES.ok : CONFIRMATION_CODES.noMatch, word(score));
  }

  #search(slot: BufferSlot, start: number, count: number): Answer {
    if (start >= this.library.capacity) return reply(CONFIRMATION_CODES.pageOutOfRange, [0, 0, 0, 0]);
    const end = Math.min(this.library.capacity, start + count);
    const probe = this.#charBuffers[slot];
    const best = this.library.bestMatch(start, end, this.#threshold, (stored) => this.#score(stored, probe));
    this.#lastMatchPassed = best !== undefined;
    if (!best) return reply(CONFIRMATION_CODES.notFound, [0, 0, 0, 0]);
    return reply(CONFIRMATION_CODES.ok, [...word(best.page), ...word(best.score)]);
  }

  #mergeBuffers(): Answer {
    const a = decodeCharFile(this.#charBuffers[1]);
    const b = decodeCharFile(this.#charBuffers[2]);
    if (!a.ok || !b.ok) return reply(CONFIRMATION_CODES.mergeFailed);
    const match = matchMinutiae(a.value.minutiae, b.value.minutiae);
    if (match.score < this.#threshold) return reply(CONFIRMATION_CODES.mergeFailed);
    const merged = encodeCharFile({
      quality: Math.max(a.value.quality, b.value.quality),
      minutiae: mergeCaptures(a.value.minutiae, b.value.minutiae, match),
    });
    // The datasheet: the template is left in both char buffers.
    this.#charBuffers = { 1: merged, 2: merged.slice() };
    return reply(CONFIRMATION_CODES.ok);
  }

  #store(slot: BufferSlot, page: number): Answer {
    if (page >= this.library.capacity) return reply(CONFIRMATION_CODES.pageOutOfRange);
    this.library.write(page, this.#charBuffers[slot]);
    return reply(CONFIRMATION_CODES.ok);
  }

  #loadChar(slot: BufferSlot, page: number): Answer {
    if (page >= this.library.capacity) return reply(CONFIRMATION_CODES.pageOutOfRange);
    const stored = this.library.read(page);
    if (!stored) return reply(CONFIRMATION_CODES.templateInvalid);
    this.#charBuffers[slot] = stored;
    return reply(CONFIRMATION_CODES.ok);
  }

  #delete(start: number, count: number): Answer {
    if (start + count > this.library.capacity) return reply(CONFIRMATION_CODES.deleteFailed);
    this.library.erase(start, count);
    return reply(CONFIRMATION_CODES.ok);
  }

  #setSystemParameter(register: number, value: number): Answer {
    switch (register) {
      case SYSTEM_PARAMETERS.baudRate:
        if (value < 1 || value > 12) return reply(CONFIRMATION_CODES.invalidRegister);
        this.#baudN = value;
        return { code: CONFIRMATION_CODES.ok, baudChanged: true };
      case SYSTEM_PARAMETERS.securityLevel:
        if (value < 1 || value > 5) return reply(CONFIRMATION_CODES.invalidRegister);
        this.#securityLevel = value as 1 | 2 | 3 | 4 | 5;
        return reply(CONFIRMATION_CODES.ok);
      case SYSTEM_PARAMETERS.packetSize:
        if (value > 3) return reply(CONFIRMATION_CODES.invalidRegister);
        this.#packetSizeCode = value;
        return reply(CONFIRMATION_CODES.ok);
      default:
        return reply(CONFIRMATION_CODES.invalidRegister);
    }
  }

  #readSystemParameters(): Answer {
    const status =
      (this.#lastMatchPassed ? STATUS_PASS : 0) |
      (this.#passwordVerified ? STATUS_PASSWORD_VERIFIED : 0) |
      (this.#image ? STATUS_IMAGE_VALID : 0);
    return reply(CONFIRMATION_CODES.ok, [
      ...word(status),
      ...word(SYSTEM_ID),
      ...word(this.library.capacity),
      ...word(this.#securityLevel),
      ...word(Math.floor(this.address / 0x10000)),
      ...word(this.address & 0xffff),
      ...word(this.#packetSizeCode),
      ...word(this.#baudN),
    ]);
  }

  #setLed(p: Uint8Array): Answer {
    const [control = 0, speed = 0, colour = 0, count = 0] = p;
    const controlName = (Object.keys(AURA_CONTROLS) as AuraControl[]).find((k) => AURA_CONTROLS[k] === control);
    const colourName = (Object.keys(AURA_COLOURS) as AuraColour[]).find((k) => AURA_COLOURS[k] === colour);
    this.#led = { control: controlName ?? control, speed, colour: colourName ?? colour, count };
    return reply(CONFIRMATION_CODES.ok);
  }

  #nextCaptureSeed(): number {
    this.#captureCounter += 1;
    return seedFrom('capture-seed', this.#rng.integer(0, 0xffffffff), this.#captureCounter);
  }
}
