import type { DevDockPrintedReceipt, DevDockPrinterActionResult, DevDockPrinterFaultKind, DevDockPrinterState } from '../../contract/devDockPrinter';
import { maxMessageBytes } from '../../contract/envelope';
import type { PrinterStation } from '../../../drivers/lab/printerStation';
import type { Logger } from '../log';
import type { DevDockDevices } from './ports';

/**
 * The dock's receipt-printer panel, data side: the lab's printer as a person
 * at the kiosk meets it (paper, cover, cable) and the paper it printed.
 */

/** How far into the next receipt a `paperOutMidReceipt` roll ends: a strip with the heading on it, well short of a whole receipt. */
export const MID_RECEIPT_ROWS = 200;
/** A receipt's PNG is sent whole or not at all: it must leave room in one message for the rest of the answer. */
const MAX_PNG_BASE64 = maxMessageBytes - 4 * 1024;

interface PrinterDockOptions {
  readonly printer: PrinterStation | undefined;
  readonly devices: DevDockDevices;
  readonly log: Logger;
}

export class PrinterDock {
  readonly #options: PrinterDockOptions;

  constructor(options: PrinterDockOptions) {
    this.#options = options;
  }

  state(): DevDockPrinterState {
    const kiosk = this.#options.devices.statuses().printer ?? 'noDevice';
    const station = this.#options.printer;
    if (!station) return { printer: null, kiosk };
    const lab = station.state();
    const last = lab.receipts.at(-1);
    return {
      printer: {
        plugged: lab.plugged,
        online: lab.online,
        paper: lab.paper,
        coverOpen: lab.coverOpen,
        error: lab.error,
        receiptsPrinted: lab.counters.receipts,
        paperOuts: lab.counters.paperOuts,
        lastReceipt: last ? { number: last.number, endedBy: last.endedBy, heightDots: last.heightDots } : null,
      },
      kiosk,
    };
  }

  async receipt({ number }: { number?: number | undefined }): Promise<{ receipt: DevDockPrintedReceipt | null }> {
    const station = this.#options.printer;
    const summary = station && (number === undefined ? station.receipts().at(-1) : station.receipts().find((r) => r.number === number));
    const png = summary && (await station.receiptPng(summary.number));
    if (!summary || !png) return { receipt: null };
    const pngBase64 = Buffer.from(png).toString('base64');
    if (pngBase64.length > MAX_PNG_BASE64) {
      this.#options.log.warn({ event: 'devDock.receiptTooLarge', number: summary.number, bytes: png.byteLength }, 'receipt too large to show in the dock');
      return { receipt: null };
    }
    return { receipt: { number: summary.number, endedBy: summary.endedBy, widthDots: summary.widthDots, heightDots: summary.heightDots, pngBase64 } };
  }

  async fault({ kind }: { kind: DevDockPrinterFaultKind }): Promise<DevDockPrinterActionResult> {
    const station = this.#options.printer;
    if (!station) return { ok: false, refusal: 'noLab', state: this.state() };
    switch (kind) {
      case 'paperOk':
        station.setPaper({ paper: 'ok' });
        break;
      case 'paperLow':
        station.setPaper({ paper: 'low' });
        break;
      case 'paperOut':
        station.setPaper({ paper: 'out' });
        break;
      case 'paperOutMidReceipt':
        station.setPaper({ paper: 'out', afterRows: MID_RECEIPT_ROWS });
        break;
      case 'coverOpen':
      case 'coverShut':
        station.setCover(kind === 'coverOpen');
        break;
      case 'unplug':
      case 'replug':
      case 'cutterError':
      case 'none':
        await station.applyFault({ kind });
        break;
    }
    this.#options.log.warn({ event: 'devDock.printerFault', kind }, 'lab printer fault set');
    return { ok: true, done: 'faultSet', state: this.state() };
  }
}
