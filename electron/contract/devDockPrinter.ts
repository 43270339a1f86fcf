import type { DeviceStatus } from './devices';

/** The dev dock's printer panel (issue 15): the lab's ESC/POS printer (drivers/lab/printerStation.ts) and the paper it printed. */

/**
 * What the dock can do to the lab's printer: a roll (`paperOk` a fresh one,
 * `paperLow` near its end, `paperOut` none, `paperOutMidReceipt` one that ends
 * a little way into the next receipt), the cover, the cable, a cutter jam,
 * and `none` to clear the jam (and any silent or garbled line).
 */
export const devDockPrinterFaultKinds = ['paperOk', 'paperLow', 'paperOut', 'paperOutMidReceipt', 'coverOpen', 'coverShut', 'unplug', 'replug', 'cutterError', 'none'] as const;
export type DevDockPrinterFaultKind = (typeof devDockPrinterFaultKinds)[number];

/** The lab's printer as the dock draws it. */
export interface DevDockPrinterState {
  printer: {
    plugged: boolean;
    /** Would print now. */
    online: boolean;
    paper: 'ok' | 'low' | 'out';
    coverOpen: boolean;
    error: 'cutterError' | 'unrecoverableError' | null;
    receiptsPrinted: number;
    paperOuts: number;
    /** The newest receipt it keeps; `paperOut`: the roll ended under it and it hangs out uncut. */
    lastReceipt: { number: number; endedBy: 'fullCut' | 'partialCut' | 'paperOut'; heightDots: number } | null;
  } | null;
  /** As the kiosk's printer device sees it. */
  kiosk: DeviceStatus;
}

export interface DevDockPrintedReceipt {
  number: number;
  endedBy: 'fullCut' | 'partialCut' | 'paperOut';
  widthDots: number;
  heightDots: number;
  /** The paper as a PNG, base64 (drawn on a canvas: the kiosk's CSP loads images from itself only). */
  pngBase64: string;
}

export type DevDockPrinterActionResult = ({ ok: true; done: 'faultSet' } | { ok: false; refusal: 'noLab' }) & { state: DevDockPrinterState };
