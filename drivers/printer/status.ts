/**
 * ESC/POS status bytes (DEVICES.md §7), both directions: the host's decoder
 * and the simulator's encoder. Real-time status `DLE EOT n` (10 04 n) is
 * answered with one byte whose fixed bits are 0xx1xx10 (bit 0 = 0, bit 1 = 1,
 * bit 4 = 1, bit 7 = 0); the in-order paper status `GS r 1` (1D 72 01) is
 * answered with one byte whose bit 4 and bit 7 are 0, so the two can never be
 * mistaken for each other on the line.
 */

export const DLE = 0x10;
const EOT = 0x04;
export const GS = 0x1d;

/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;

export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** GS r 1: paper sensor status, answered only once everything sent before it has been printed. */
export const PAPER_STATUS_IN_ORDER = Uint8Array.of(GS, 0x72, 0x01);

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

/** Whether a byte has the fixed bits of a DLE EOT answer. */
export function isRealTimeStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

/** Whether a byte has the fixed bits of a GS r answer (bit 4 and bit 7 clear). */
export function isInOrderStatusByte(byte: number): boolean {
  return (byte & 0b1001_0000) === 0;
}

export interface PrinterStatusBits {
  readonly query: 1;
  /** Bit 3: the printer will not print (cover open, paper out, error, feeding). */
  readonly offline: boolean;
  /** Bit 5: waiting for the host or the person to bring it back online. */
  readonly waitingForRecovery: boolean;
  /** Bit 6. */
  readonly feedButtonPressed: boolean;
  /** Bit 2: drawer kick connector pin 3 (a kiosk has no drawer; reported as it is). */
  readonly drawerPinHigh: boolean;
}

export interface OfflineCauseBits {
  readonly query: 2;
  /** Bit 2. */
  readonly coverOpen: boolean;
  /** Bit 3: paper being fed with the feed button. */
  readonly feeding: boolean;
  /** Bit 5: printing stopped because the paper ran out. */
  readonly paperEndStop: boolean;
  /** Bit 6: an error (see DLE EOT 3). */
  readonly error: boolean;
}

export interface ErrorCauseBits {
  readonly query: 3;
  /** Bit 2: a mechanism error that clears once its cause is fixed. */
  readonly recoverable: boolean;
  /** Bit 3. */
  readonly cutterError: boolean;
  /** Bit 5: the printer needs service. */
  readonly unrecoverable: boolean;
  /** Bit 6: head too hot and the like; clears by itself. */
  readonly autoRecoverable: boolean;
}

export interface PaperSensorBits {
  readonly query: 4;
  /** Bits 2–3: the near-end sensor sees little paper left on the roll. */
  readonly nearEnd: boolean;
  /** Bits 5–6: no paper at the print head. */
  readonly paperOut: boolean;
}

export type StatusBits = PrinterStatusBits | OfflineCauseBits | ErrorCauseBits | PaperSensorBits;

/** What one status byte says; a byte without the fixed bits is `garbled`, never an exception. */
type DecodedStatus = { readonly kind: 'status'; readonly bits: StatusBits } | { readonly kind: 'garbled'; readonly query: StatusQuery; readonly byte: number };

/**
 * Which bits of each answer say what: one table for the decoder and the
 * encoder. A flag with two bits (the paper sensors) is set when either is.
 */
const LAYOUT = {
  1: { drawerPinHigh: [2], offline: [3], waitingForRecovery: [5], feedButtonPressed: [6] },
  2: { coverOpen: [2], feeding: [3], paperEndStop: [5], error: [6] },
  3: { recoverable: [2], cutterError: [3], unrecoverable: [5], autoRecoverable: [6] },
  4: { nearEnd: [2, 3], paperOut: [5, 6] },
} as const satisfies { [Q in StatusQuery]: Record<Exclude<keyof Extract<StatusBits, { query: Q }>, 'query'>, readonly number[]> };

const layoutOf = (query: StatusQuery): Readonly<Record<string, readonly number[]>> => LAYOUT[query];

export function decodeStatus(query: StatusQuery, byte: number): DecodedStatus {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isRealTimeStatusByte(byte)) return { kind: 'garbled', query, byte };
  const flags = Object.entries(layoutOf(query)).map(([name, positions]) => [name, positions.some((n) => (byte & (1 << n)) !== 0)]);
  return { kind: 'status', bits: { query, ...Object.fromEntries(flags) } as StatusBits };
}

/** The simulator's side: the byte a printer answers for these bits. */
export function encodeStatus(bits: StatusBits): number {
  let byte = FIXED_VALUE;
  const on = bits as unknown as Readonly<Record<string, boolean>>;
  for (const [name, positions] of Object.entries(layoutOf(bits.query))) if (on[name]) for (const n of positions) byte |= 1 << n;
  return byte;
}

/** GS r 1 answer: bits 0–1 near end, bits 2–3 paper out. */
interface InOrderPaperStatus {
  readonly nearEnd: boolean;
  readonly paperOut: boolean;
}

export function decodeInOrderPaperStatus(byte: number): InOrderPaperStatus | undefined {
  if (!isInOrderStatusByte(byte)) return undefined;
  return { nearEnd: (byte & 0x03) !== 0, paperOut: (byte & 0x0c) !== 0 };
}

export function encodeInOrderPaperStatus(status: InOrderPaperStatus): number {
  return (status.nearEnd ? 0x03 : 0) | (status.paperOut ? 0x0c : 0);
}

/**
 * The four answers together, as the driver reports them. `ready` is what a
 * kiosk needs to know before it offers a receipt.
 */
export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  /** A recoverable or self-clearing error (head too hot, mechanism). */
  readonly recoverableError: boolean;
  /** Feed button held or paper being fed. */
  readonly feeding: boolean;
}

export function combineStatus(printer: PrinterStatusBits, offline: OfflineCauseBits, error: ErrorCauseBits, paper: PaperSensorBits): PrinterStatus {
  return {
    online: !printer.offline,
    coverOpen: offline.coverOpen,
    paperOut: paper.paperOut || offline.paperEndStop,
    paperNearEnd: paper.nearEnd,
    cutterError: error.cutterError,
    unrecoverableError: error.unrecoverable,
    recoverableError: error.recoverable || error.autoRecoverable,
    feeding: offline.feeding || printer.feedButtonPressed,
  };
}
