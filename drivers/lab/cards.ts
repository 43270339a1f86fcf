import { DEFAULT_TECHNICIAN_PREFIX, TECHNICIAN_PAN_LENGTH } from '../cardData/classify';
import { luhnCheckDigit } from '../../common/luhn';
import { encodeTechnicianTrack3 } from '../../common/rules/technicianCardSecret';
import {
  DEFAULT_ID_CARD_CONFIG,
  encodeIdentityFile,
  type DocumentType,
  type IdCardConfig,
} from '../cardData/nationalIdCard';
import { formatTrack1, formatTrack2, splitName } from '../cardData/tracks';
import type { ChipProtocol, VirtualCard, VirtualChip } from '../cardData/virtualCard';
import type { LabPerson, LabTechnician } from '../../common/demo/population';

/**
 * Virtual cards for the simulated lab, the dev dock and tests. Factories build
 * what they are given (an invalid ID number makes a card the kiosk must refuse);
 * they throw RangeError only for input that cannot be put on a card at all.
 */

/** ISO 7816-4 status words the virtual card answers with. */
const SW = { ok: 0x9000, endOfFile: 0x6282, wrongLength: 0x6700, noCurrentEf: 0x6986, conditions: 0x6985, notFound: 0x6a82, badP1P2: 0x6a86, badOffset: 0x6b00, ins: 0x6d00, cla: 0x6e00 } as const;

function response(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const bytes = new Uint8Array(data.length + 2);
  bytes.set(data);
  bytes[data.length] = sw >>> 8;
  bytes[data.length + 1] = sw & 0xff;
  return bytes;
}

interface ParsedApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Ne: 1..256, undefined when the command expects no data. */
  readonly ne?: number;
}

/** Short APDU cases 1–4 (ISO/IEC 7816-3 §12.1); undefined when the lengths do not add up. */
function parseApdu(apdu: Uint8Array): ParsedApdu | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  if (apdu.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0) };
  const b5 = apdu[4] ?? 0;
  if (apdu.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), ne: b5 === 0 ? 256 : b5 };
  if (b5 === 0) return undefined;
  if (apdu.length === 5 + b5) return { cla, ins, p1, p2, data: apdu.slice(5) };
  if (apdu.length === 6 + b5) {
    const le = apdu[5 + b5] ?? 0;
    return { cla, ins, p1, p2, data: apdu.slice(5, 5 + b5), ne: le === 0 ? 256 : le };
  }
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function atrWithTck(body: number[]): Uint8Array {
  // TCK: XOR of T0..last byte, present whenever a protocol other than T=0 is offered.
  const tck = body.slice(1).reduce((x, byte) => x ^ byte, 0);
  return Uint8Array.from([...body, tck]);
}

/** TS 3B, T0 85 (TD1, five historical bytes), TD1 01 (T=1), "KIOSK", TCK. */
const ID_CHIP_ATR = atrWithTck([0x3b, 0x85, 0x01, 0x4b, 0x49, 0x4f, 0x53, 0x4b]);
/** A payment chip's plain T=0 ATR: TS 3B, T0 60, TB1 00, TC1 00. */
const PAYMENT_CHIP_ATR = Uint8Array.of(0x3b, 0x60, 0x00, 0x00);

/**
 * The identity application of ID_CARD.md. Under T=0 it behaves as a T=0 card
 * must: data for a case 4 command waits for GET RESPONSE (61xx), and a READ
 * BINARY with the wrong Le is answered 6Cxx.
 */
function makeIdentityChip(file: Uint8Array, config: IdCardConfig = DEFAULT_ID_CARD_CONFIG): VirtualChip {
  let applicationSelected = false;
  let fileSelected = false;
  let pendingResponse: Uint8Array | undefined;

  const fci = (): Uint8Array => Uint8Array.from([0x6f, config.aid.length + 2, 0x84, config.aid.length, ...config.aid]);

  const withData = (data: Uint8Array, protocol: ChipProtocol, ne: number | undefined): Uint8Array => {
    if (protocol === 'T1') return response(SW.ok, data.slice(0, ne ?? 0));
    pendingResponse = data;
    return response(0x6100 | (data.length & 0xff));
  };

  const select = (cmd: ParsedApdu, protocol: ChipProtocol): Uint8Array => {
    if (cmd.p1 === 0x04) {
      if (!sameBytes(cmd.data, config.aid)) return response(SW.notFound);
      applicationSelected = true;
      fileSelected = false;
      return cmd.p2 === 0x0c ? response(SW.ok) : withData(fci(), protocol, cmd.ne ?? 256);
    }
    if (cmd.p1 === 0x02) {
      if (cmd.data.length !== 2) return response(SW.wrongLength);
      const id = ((cmd.data[0] ?? 0) << 8) | (cmd.data[1] ?? 0);
      if (!applicationSelected || id !== config.identityFileId) return response(SW.notFound);
      fileSelected = true;
      return response(SW.ok);
    }
    return response(SW.badP1P2);
  };

  const readBinary = (cmd: ParsedApdu, protocol: ChipProtocol): Uint8Array => {
    if (!fileSelected) return response(SW.noCurrentEf);
    if (cmd.p1 & 0x80) return response(SW.badP1P2);
    const offset = (cmd.p1 << 8) | cmd.p2;
    if (offset > file.length) return response(SW.badOffset);
    const left = file.length - offset;
    const ne = cmd.ne ?? 256;
    if (protocol === 'T0' && ne > left) return response(0x6c00 | (left & 0xff));
    if (ne > left) return response(SW.endOfFile, file.slice(offset));
    return response(SW.ok, file.slice(offset, offset + ne));
  };

  const getResponse = (cmd: ParsedApdu): Uint8Array => {
    const pending = pendingResponse;
    if (!pending) return response(SW.conditions);
    const ne = cmd.ne ?? 256;
    if (ne > pending.length) return response(0x6c00 | (pending.length & 0xff));
    pendingResponse = ne < pending.length ? pending.slice(ne) : undefined;
    const rest = pendingResponse;
    return response(rest ? 0x6100 | (rest.length & 0xff) : SW.ok, pending.slice(0, ne));
  };

  return {
    atr: ID_CHIP_ATR,
    protocols: ['T1', 'T0'],
    reset() {
      applicationSelected = false;
      fileSelected = false;
      pendingResponse = undefined;
      return ID_CHIP_ATR;
    },
    transmit(apdu, protocol) {
      const cmd = parseApdu(apdu);
      if (!cmd) return response(SW.wrongLength);
      if (cmd.cla !== 0x00) return response(SW.cla);
      const wasPending = pendingResponse;
      pendingResponse = undefined;
      switch (cmd.ins) {
        case 0xa4:
          return select(cmd, protocol);
        case 0xb0:
          return readBinary(cmd, protocol);
        case 0xc0:
          pendingResponse = wasPending;
          return getResponse(cmd);
        default:
          return response(SW.ins);
      }
    },
  };
}

/** A payment chip without the identity application: every SELECT is 6A82. */
function makePaymentChip(): VirtualChip {
  return {
    atr: PAYMENT_CHIP_ATR,
    protocols: ['T0'],
    reset: () => PAYMENT_CHIP_ATR,
    transmit(apdu) {
      const cmd = parseApdu(apdu);
      if (!cmd) return response(SW.wrongLength);
      return response(cmd.ins === 0xa4 ? SW.notFound : SW.ins);
    },
  };
}

const ISO_DATE = /^([0-9]{4})-(0[1-9]|1[0-2])(?:-([0-9]{2}))?$/;

function isoExpiry(expiry: string): { iso: string; yymm: string } {
  const match = ISO_DATE.exec(expiry);
  if (!match) throw new RangeError(`expiry must be YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(expiry)}`);
  const [, year = '', month = '', day] = match;
  const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const iso = `${year}-${month}-${day ?? String(lastDay).padStart(2, '0')}`;
  return { iso, yymm: `${year.slice(2)}${month}` };
}

function requireDigits(what: string, value: string, min: number, max: number): void {
  if (!new RegExp(`^[0-9]{${min},${max}}$`).test(value)) {
    throw new RangeError(`${what} must be ${min}..${max} digits, got ${JSON.stringify(value)}`);
  }
}

const last4 = (digits: string): string => digits.slice(-4);

/**
 * An ID card (first digit 1) or iqama (first digit 2) whose chip carries the
 * identity application. No magnetic stripe, as on the current cards.
 */
export function makeNationalIdCard(idNumber: string, expiry: string, config: IdCardConfig = DEFAULT_ID_CARD_CONFIG): VirtualCard {
  requireDigits('ID number', idNumber, 1, 20);
  const { iso } = isoExpiry(expiry);
  const documentType: DocumentType = idNumber.startsWith('2') ? 'iqama' : 'nationalId';
  const file = encodeIdentityFile({ documentType, idNumber, expiry: iso });
  return {
    id: `${documentType}-${idNumber}`,
    kind: documentType,
    label: `${documentType === 'iqama' ? 'Iqama' : 'National ID'} …${last4(idNumber)}`,
    chip: makeIdentityChip(file, config),
    holderIdNumber: idNumber,
    expiry: iso,
  };
}

/** A magnetic-stripe bank card (tracks 1 and 2) with a payment chip; the bank links it to `linkedIdNumber`. */
export function makeBankCard(pan: string, name: string, expiry: string, linkedIdNumber: string): VirtualCard {
  requireDigits('PAN', pan, 12, 19);
  if (!/^[A-Z .'-]+(\/[A-Z .'-]*)?$/.test(name) || name.length < 2 || name.length > 26) {
    throw new RangeError(`name must be 2..26 upper-case track 1 characters as SURNAME/GIVEN, got ${JSON.stringify(name)}`);
  }
  const { iso, yymm } = isoExpiry(expiry);
  // 201: international, IC present; normal authorisation; no restrictions.
  const fields = { pan, name: splitName(name), expiry: yymm, serviceCode: '201', discretionary: '00000000' };
  return {
    id: `bank-${pan}`,
    kind: 'bank',
    label: `Bank card …${last4(pan)}`,
    tracks: { track1: formatTrack1(fields), track2: formatTrack2(fields) },
    chip: makePaymentChip(),
    holderIdNumber: linkedIdNumber,
    expiry: iso,
  };
}

/** The PAN a technician card carries: prefix, the id zero-padded to 9 digits, Luhn check digit. */
export function technicianPan(techId: string, prefix = DEFAULT_TECHNICIAN_PREFIX): string {
  const payloadLength = TECHNICIAN_PAN_LENGTH - 1 - prefix.length;
  requireDigits('technician id', techId, 1, payloadLength);
  const payload = `${prefix}${techId.padStart(payloadLength, '0')}`;
  return `${payload}${luhnCheckDigit(payload) ?? ''}`;
}

/**
 * A stripe-only maintenance card (see classify.ts for what makes it a technician card). With `secret` (16 bytes), its
 * track 3 carries the card secret the offline PIN check needs (common/rules/technicianCardSecret.ts); without, it is a
 * card issued before there were secrets (the kiosk cannot check its PIN while central is unreachable).
 */
export function makeTechnicianCard(techId: string, expiry = '2099-12', prefix = DEFAULT_TECHNICIAN_PREFIX, secret?: Uint8Array): VirtualCard {
  const pan = technicianPan(techId, prefix);
  const { iso, yymm } = isoExpiry(expiry);
  const fields = { pan, name: { surname: 'TECHNICIAN', given: techId }, expiry: yymm, serviceCode: '120' };
  return {
    id: `technician-${techId}`,
    kind: 'technician',
    label: `Technician ${techId}`,
    tracks: { track1: formatTrack1(fields), track2: formatTrack2(fields), ...(secret ? { track3: encodeTechnicianTrack3(pan, secret) } : {}) },
    expiry: iso,
  };
}

/** The cards a person carries in the lab: the ID/iqama, and the bank card when they have one. */
export function cardsOf(person: LabPerson): VirtualCard[] {
  const cards = [makeNationalIdCard(person.idNumber, person.idCard.expiry)];
  if (person.bankCard) cards.push(makeBankCard(person.bankCard.pan, person.bankCard.nameOnCard, person.bankCard.expiry, person.idNumber));
  return cards;
}

/** The lab technician's card, its secret on track 3. */
export function technicianCardOf(technician: LabTechnician): VirtualCard {
  return makeTechnicianCard(technician.techId, undefined, undefined, Buffer.from(technician.cardSecret, 'hex'));
}
