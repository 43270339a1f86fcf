import type { z } from 'zod';
import { luhnCheckDigit } from '../../../common/luhn';
import { err, ok, type Result } from '../../../common/result';
import { NUMERIC_KEYS } from '../interfaces/keyboard';
import type * as keyboard from '../interfaces/keyboard';
import type * as pinPad from '../interfaces/pinPad';
import type { Payload } from '../messages';
import type { PinBlockFormat } from '../pinKeys';
import type { AtmFaults } from './faults';
import { type CommandContext, type CommandEnd, commandError, failure, success, until } from './outcome';

/**
 * The encrypting PIN pad: a keypad with Enter/Cancel/Clear/Backspace and
 * eight FDKs beside the screen. During PIN entry the digits go into the EPP's
 * own buffer and the client hears only that a key was pressed; GetPinBlock
 * hands out the PIN formatted and enciphered under a key the EPP holds (the
 * injected `encipherPin`, ISO 9564 in the lab).
 */

/** Formats and enciphers a PIN under the EPP's key of that name: hex of the enciphered block. */
export type EncipherPin = (pin: string, pan: string, format: PinBlockFormat, keyName: string) => string;

const FDKS = ['fdk01', 'fdk02', 'fdk03', 'fdk04', 'fdk05', 'fdk06', 'fdk07', 'fdk08'] as const;
export const NAMED_KEYS = ['enter', 'cancel', 'clear', 'backspace', ...FDKS] as const;
export type EppKey = (typeof NUMERIC_KEYS)[number] | (typeof NAMED_KEYS)[number];
const LAYOUT_KEYS: ReadonlySet<string> = new Set<string>([...NUMERIC_KEYS, ...NAMED_KEYS]);

/** `"1234"`, `"enter"`, `"fdk03"`, or several separated by spaces or commas (`"1234 enter"`). */
export function parseKeys(keys: string): Result<EppKey[], { type: 'badKey'; key: string }> {
  const parsed: EppKey[] = [];
  for (const token of keys.trim().split(/[\s,]+/).filter(Boolean)) {
    if (/^[0-9]+$/.test(token)) parsed.push(...[...token].map((digit) => NUMERIC_KEYS[Number(digit)] as EppKey));
    else if ((NAMED_KEYS as readonly string[]).includes(token)) parsed.push(token as EppKey);
    else return err({ type: 'badKey', key: token });
  }
  return parsed.length > 0 ? ok(parsed) : err({ type: 'badKey', key: keys });
}

type PinEntry = z.output<typeof keyboard.pinEntryCommand>;
type DataEntry = z.output<typeof keyboard.dataEntryCommand>;
type GetPinBlock = z.output<typeof pinPad.getPinBlockCommand>;
type Entry = { readonly mode: 'pin' | 'data'; press(key: EppKey): boolean };

interface SimulatedEppOptions {
  readonly encipherPin: EncipherPin;
  readonly pinKeys: Readonly<Record<PinBlockFormat, string>>;
  /** The technician PIN key's name (format 4 only), beside the bank's keys. */
  readonly technicianKey: string;
  readonly faults: AtmFaults;
}

const isFdk = (key: string): boolean => key.startsWith('fdk');

export class SimulatedEpp {
  readonly #options: SimulatedEppOptions;
  #entry: Entry | undefined;
  /** The PIN buffer. It never leaves this class but enciphered. */
  #pin = '';
  /** Headphones in the audio jack beside the keypad (the service's Auxiliaries sensor). */
  headset = false;

  constructor(options: SimulatedEppOptions) {
    this.#options = options;
  }

  get entryMode(): 'none' | 'pin' | 'data' {
    return this.#entry?.mode ?? 'none';
  }

  get digitsEntered(): number {
    return this.#pin.length;
  }

  /** A person presses keys; answers how many the running entry took (none when no entry runs). */
  press(keys: readonly EppKey[]): number {
    return keys.filter((key) => this.#entry?.press(key) ?? false).length;
  }

  async pinEntry(request: PinEntry, context: CommandContext): Promise<CommandEnd> {
    const refused = this.#checkKeys(request.activeKeys);
    if (refused) return refused;
    const maxLen = request.maxLen ?? 0;
    const autoEnds = request.autoEnd === true && maxLen > 0;
    if (!autoEnds && !Object.values(request.activeKeys).some((key) => key.terminate)) return commandError('noTerminatekeys');
    this.#pin = '';
    context.emit('Keyboard.EnterDataEvent');
    const ended = await until<Payload>(context.signal, (done) => {
      this.#entry = { mode: 'pin', press: (key) => this.#pinKey(key, request, context, done) };
      return () => {
        this.#entry = undefined;
      };
    });
    if (ended === 'aborted') {
      // A client that went away leaves no half-typed PIN behind.
      if (context.signal.reason === 'closed') this.#pin = '';
      return 'aborted';
    }
    return success(ended);
  }

  async dataEntry(request: DataEntry, context: CommandContext): Promise<CommandEnd> {
    const refused = this.#checkKeys(request.activeKeys);
    if (refused) return refused;
    context.emit('Keyboard.EnterDataEvent');
    const pressed: Payload[] = [];
    let digits = 0;
    const ended = await until<Payload>(context.signal, (done) => {
      this.#entry = {
        mode: 'data',
        press: (key) => {
          const active = request.activeKeys[key];
          if (!active) return false;
          const terminate = active.terminate === true;
          const numeric = (NUMERIC_KEYS as readonly string[]).includes(key);
          if (numeric && request.maxLen && digits >= request.maxLen) return false;
          const completion = terminate ? (isFdk(key) ? 'fdk' : numeric ? 'enter' : key) : isFdk(key) ? 'contFdk' : 'continue';
          const keyPressed = { digit: key, completion };
          context.emit('Keyboard.KeyEvent', keyPressed);
          pressed.push(keyPressed);
          if (numeric) digits += 1;
          if (terminate) done({ keys: digits, pinKeys: pressed, completion });
          else if (request.autoEnd && request.maxLen && digits === request.maxLen) done({ keys: digits, pinKeys: pressed, completion: 'auto' });
          return true;
        },
      };
      return () => {
        this.#entry = undefined;
      };
    });
    return ended === 'aborted' ? 'aborted' : success(ended);
  }

  getPinBlock(request: GetPinBlock): CommandEnd {
    const fault = this.#options.faults.takeEppError();
    if (fault) return fault.completionCode ? failure(fault.completionCode, 'EPP fault') : commandError(fault.errorCode ?? 'accessDenied', 'EPP fault');
    const format = request.format;
    if (format !== 'iso0' && format !== 'iso4') return commandError('formatNotSupported');
    const keys = this.#options.pinKeys;
    const technicianKey = request.key === this.#options.technicianKey;
    if (technicianKey ? format !== 'iso4' : request.key !== keys[format]) {
      return commandError(technicianKey || Object.values(keys).includes(request.key) ? 'useViolation' : 'keyNotFound');
    }
    if (this.#pin.length === 0) return commandError('noPin');
    const pan = panOf(request.customerData, format);
    if (!pan) return failure('invalidData', format === 'iso0' ? 'customerData must be the PAN without its check digit' : 'customerData must be the PAN');
    let block: string;
    try {
      block = this.#options.encipherPin(this.#pin, pan, format, request.key);
    } catch {
      return failure('internalError', 'the PIN could not be enciphered');
    }
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(block)) return failure('internalError', 'the PIN block is not hex');
    return success({ pinBlock: Buffer.from(block, 'hex').toString('base64') });
  }

  layout(): Payload {
    const grid = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'cancel', 'zero', 'clear'].map((key, i) => ({
      xPos: (i % 3) * 250,
      yPos: Math.floor(i / 3) * 250,
      xSize: 250,
      ySize: 250,
      key,
    }));
    const side = [
      ...grid,
      { xPos: 750, yPos: 0, xSize: 249, ySize: 500, key: 'enter' },
      { xPos: 750, yPos: 500, xSize: 249, ySize: 499, key: 'backspace' },
    ];
    const fdks = FDKS.map((key, i) => ({ xPos: i < 4 ? 0 : 900, yPos: (i % 4) * 250, xSize: 99, ySize: 249, key }));
    const frames = [
      { xPos: 0, yPos: 0, xSize: 1000, ySize: 1000, float: { x: false, y: false }, keys: side },
      { xPos: 0, yPos: 0, xSize: 1000, ySize: 1000, float: { x: false, y: false }, keys: fdks },
    ];
    return { layout: { data: frames, pin: frames } };
  }

  status(): Payload {
    return {
      common: { device: 'online', devicePosition: 'inPosition' },
      keyManagement: { encryptionState: 'ready' },
      auxiliaries: { enhancedAudioSensor: this.headset ? 'present' : 'notPresent' },
    };
  }

  #checkKeys(activeKeys: Readonly<Record<string, unknown>>): CommandEnd | undefined {
    const names = Object.keys(activeKeys);
    if (names.length === 0) return commandError('noActivekeys');
    const unknown = names.find((name) => !LAYOUT_KEYS.has(name));
    return unknown ? commandError('keyNotSupported', `no key ${unknown} on this EPP`) : undefined;
  }

  #pinKey(key: EppKey, request: PinEntry, context: CommandContext, done: (payload: Payload) => void): boolean {
    const active = request.activeKeys[key];
    if (!active) return false;
    const terminate = active.terminate === true;
    const digit = (NUMERIC_KEYS as readonly string[]).indexOf(key);
    const maxLen = request.maxLen ?? 0;
    if (digit >= 0) {
      // Digits are disabled once the PIN is full.
      if (maxLen > 0 && this.#pin.length >= maxLen) return false;
      this.#pin += String(digit);
      context.emit('Keyboard.KeyEvent', { completion: 'continue' });
      if (request.autoEnd && this.#pin.length === maxLen) done({ digits: this.#pin.length, completion: 'auto' });
      return true;
    }
    if (key === 'clear' || key === 'cancel' || key === 'backspace') {
      this.#pin = key === 'backspace' ? this.#pin.slice(0, -1) : '';
      context.emit('Keyboard.KeyEvent', { digit: key, completion: key });
      if (terminate) done({ digits: this.#pin.length, completion: key });
      return true;
    }
    // Enter, or an FDK.
    const fdk = isFdk(key);
    const completion = fdk ? (terminate ? 'fdk' : 'contFdk') : terminate ? 'enter' : 'continue';
    // Enter before the minimum length is ignored, as the spec lets an EPP do: minLen is the PIN's, and only Enter
    // offers one. A terminating FDK ends the entry at any length (its KeyEvent names it, the completion is `fdk`),
    // as Cancel does: the technician's language key works before the first digit.
    if (terminate && !fdk && this.#pin.length < (request.minLen ?? 0)) return false;
    context.emit('Keyboard.KeyEvent', { digit: key, completion });
    if (terminate) done({ digits: this.#pin.length, completion });
    return true;
  }
}

/** ISO-0 gets the PAN without its check digit (the spec's wording) and the codec wants it whole: the check digit is Luhn's. */
function panOf(customerData: string | undefined, format: PinBlockFormat): string | undefined {
  if (!customerData || !/^[0-9]+$/.test(customerData)) return undefined;
  if (format === 'iso4') return customerData.length >= 12 && customerData.length <= 19 ? customerData : undefined;
  if (customerData.length < 11 || customerData.length > 18) return undefined;
  return `${customerData}${luhnCheckDigit(customerData) ?? ''}`;
}
