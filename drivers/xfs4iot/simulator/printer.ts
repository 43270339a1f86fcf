import type { z } from 'zod';
import { CommandParser } from '../../printer/commands';
import { PrintEngine } from '../../printer/paper';
import { rasterToPng } from '../../printer/png';
import { type Raster, stackRasters } from '../../printer/raster';
import { encodeInOrderPaperStatus } from '../../printer/status';
import type * as printer from '../interfaces/printer';
import type { Payload } from '../messages';
import type { AtmFaults } from './faults';
import { type CommandEnd, commandError, success } from './outcome';

/**
 * The ATM's receipt printer. `Printer.PrintRaw` carries "device dependent
 * data" (CWA 17852): this one is an ESC/POS thermal printer, so the bytes go
 * through the same command parser and print engine as the lab's printer
 * (drivers/printer), and what lands on the paper is kept: each receipt as it
 * is cut off, as dots and as a PNG, for the specs, the lab and the dev dock.
 * The raw bytes of every PrintRaw are kept too. A GS r status request in the
 * data is answered in the completion's `data` when `inputData` is `yes`.
 */

type PrintRaw = z.output<typeof printer.printRawCommand>;

export interface AtmPrintedReceipt {
  /** 1, 2, 3… since the ATM started. */
  readonly number: number;
  readonly raster: Raster;
}

interface SimulatedPrinterOptions {
  /** The paper's printable width: 576 dots (80 mm, the default) or 384 (58 mm). */
  readonly widthDots?: number;
  /** Receipts kept for looking at. */
  readonly keepReceipts?: number;
}

export class SimulatedPrinter {
  /** Every PrintRaw's bytes, in order. */
  readonly printed: Uint8Array[] = [];
  readonly widthDots: number;
  readonly #faults: AtmFaults;
  readonly #keep: number;
  readonly #parser = new CommandParser();
  readonly #engine: PrintEngine;
  /** Dots printed since the last cut. */
  #bands: Raster[] = [];
  #receipts: AtmPrintedReceipt[] = [];
  #count = 0;

  constructor(faults: AtmFaults, options: SimulatedPrinterOptions = {}) {
    this.#faults = faults;
    this.widthDots = options.widthDots ?? 576;
    this.#keep = options.keepReceipts ?? 10;
    this.#engine = new PrintEngine(this.widthDots);
  }

  printRaw(request: PrintRaw): CommandEnd {
    if (this.#faults.paperOut) return commandError('paperOut', 'the receipt paper has run out');
    const bytes = Uint8Array.from(Buffer.from(request.data, 'base64'));
    this.printed.push(bytes);
    const answers: number[] = [];
    for (const command of this.#parser.push(bytes)) {
      for (const action of this.#engine.execute(command)) {
        if (action.type === 'band') this.#bands.push(action.raster);
        else if (action.type === 'cut') this.#cut();
        else if (action.type === 'transmitStatus') answers.push(encodeInOrderPaperStatus({ nearEnd: false, paperOut: false }));
      }
    }
    return success(request.inputData === 'yes' ? { data: Buffer.from(answers).toString('base64') } : undefined);
  }

  /** Oldest first, at most the last few. */
  receipts(): readonly AtmPrintedReceipt[] {
    return [...this.#receipts];
  }

  /** Receipt `number` (the last one when left out) as a PNG, or undefined when it is not kept. */
  async receiptPng(number?: number): Promise<Uint8Array | undefined> {
    const receipt = number === undefined ? this.#receipts.at(-1) : this.#receipts.find((r) => r.number === number);
    return receipt && rasterToPng(receipt.raster);
  }

  status(): Payload {
    return {
      common: { device: 'online', devicePosition: 'inPosition' },
      printer: { media: 'notPresent', paper: { upper: this.#faults.paperOut ? 'out' : 'full' } },
    };
  }

  #cut(): void {
    const raster = stackRasters(this.widthDots, this.#bands);
    this.#bands = [];
    this.#count += 1;
    this.#receipts = [...this.#receipts, { number: this.#count, raster }].slice(-this.#keep);
  }
}
