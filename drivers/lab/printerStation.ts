import { z } from 'zod';
import { type PrintedReceipt, PrinterSimulator, type PrinterSimulatorOptions, type PrinterSimulatorStats } from '../printer/simulator';
import type { PtyLine } from './ptyLine';
import { PtyStation } from './ptyStation';

/**
 * The receipt printer on the lab bench: the simulated ESC/POS printer, its
 * cable, its roll of paper and its cover. What it prints is kept as PNGs
 * ("the paper") for the control API and the dev dock.
 */

const PRINTER_PAPER_STATES = ['ok', 'low', 'out'] as const;
export type PrinterPaperState = (typeof PRINTER_PAPER_STATES)[number];

const PRINTER_FAULT_KINDS = ['unplug', 'replug', 'garble', 'mute', 'cutterError', 'unrecoverableError', 'none'] as const;

/**
 * A roll: `ok` (a fresh one), `low` (the near-end sensor sees little left;
 * printing goes on), `out` (none now, or with `afterRows` the roll ends that
 * many dot rows further on: in the middle of the next receipt).
 */
export const printerPaperRequestSchema = z
  .object({
    paper: z.enum(PRINTER_PAPER_STATES),
    afterRows: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .refine((request) => request.afterRows === undefined || request.paper === 'out', 'afterRows is for paper "out" only');
type PrinterPaperRequest = z.infer<typeof printerPaperRequestSchema>;

export const printerCoverRequestSchema = z.object({ open: z.boolean() }).strict();
export const printerFaultRequestSchema = z.object({ kind: z.enum(PRINTER_FAULT_KINDS) }).strict();
type PrinterFaultRequest = z.infer<typeof printerFaultRequestSchema>;

export interface PrintedReceiptSummary {
  /** 1, 2, 3… since the lab started. */
  readonly number: number;
  readonly endedBy: PrintedReceipt['endedBy'];
  readonly widthDots: number;
  readonly heightDots: number;
}

export interface PrinterStationState {
  readonly plugged: boolean;
  /** Would print now: plugged, paper in, cover shut, no error. */
  readonly online: boolean;
  readonly paper: PrinterPaperState;
  /** Dot rows left before the roll ends; null for a roll that does not run out. */
  readonly paperRowsLeft: number | null;
  readonly coverOpen: boolean;
  readonly error: 'cutterError' | 'unrecoverableError' | null;
  readonly faults: { readonly muted: boolean; readonly garbling: boolean };
  /** Oldest first: the last few receipts the lab keeps. */
  readonly receipts: readonly PrintedReceiptSummary[];
  readonly counters: { readonly receipts: number; readonly paperOuts: number; readonly unplugs: number; readonly replugs: number };
  readonly link: Pick<PrinterSimulatorStats, 'bytesReceived' | 'statusAnswers' | 'jobsFinished' | 'buffersCleared' | 'unknownCommands'>;
}

export type PrinterStationOptions = PrinterSimulatorOptions;

export class PrinterStation extends PtyStation<PrinterSimulator> {
  /** The roll as last set (ok or low); out is read from the simulator's roll. */
  #roll: 'ok' | 'low' = 'ok';
  #coverOpen = false;
  #error: PrinterStationState['error'] = null;
  #muted = false;
  #garbling = false;
  #printed = 0;
  #paperOuts = 0;

  private constructor(line: PtyLine, simulator: PrinterSimulator) {
    super(line, simulator);
    simulator.onReceipt((receipt) => {
      this.#printed += 1;
      if (receipt.endedBy === 'paperOut') this.#paperOuts += 1;
    });
  }

  static async start(line: PtyLine, options: PrinterStationOptions = {}): Promise<PrinterStation> {
    const simulator = new PrinterSimulator(await line.plug(), options);
    return new PrinterStation(line, simulator);
  }

  setPaper(request: PrinterPaperRequest): void {
    switch (request.paper) {
      case 'ok':
        this.simulator.loadPaper();
        this.#roll = 'ok';
        return;
      case 'low':
        // A roll near its end still prints; the sensor only warns.
        this.simulator.loadPaper();
        this.simulator.paperNearEnd();
        this.#roll = 'low';
        return;
      case 'out':
        // Now, or further on (then it prints until the roll ends, in the middle of whatever is printing).
        if (request.afterRows === undefined && this.simulator.paperRows > 0) this.#paperOuts += 1;
        this.simulator.paperOutAfter(request.afterRows ?? 0);
        return;
    }
  }

  setCover(open: boolean): void {
    this.#coverOpen = open;
    if (open) this.simulator.openCover();
    else this.simulator.closeCover();
  }

  async applyFault(fault: PrinterFaultRequest): Promise<void> {
    if (fault.kind === 'unplug' || fault.kind === 'replug') {
      await this.cable(fault.kind);
      return;
    }
    switch (fault.kind) {
      case 'garble':
        this.#garbling = true;
        this.simulator.garbleStatus(Infinity);
        return;
      case 'mute':
        this.#muted = true;
        this.simulator.mute(true);
        return;
      case 'cutterError':
      case 'unrecoverableError':
        this.#error = fault.kind;
        this.simulator.setOffline(fault.kind);
        return;
      case 'none':
        // Every fault off; paper and cover are the person's, set on their own.
        this.#garbling = false;
        this.#muted = false;
        this.#error = null;
        this.simulator.garbleStatus(0);
        this.simulator.mute(false);
        this.simulator.setOffline(undefined);
        return;
    }
  }

  /** Oldest first. */
  receipts(): readonly PrintedReceiptSummary[] {
    return this.simulator.receipts.map((receipt) => ({ number: receipt.number, endedBy: receipt.endedBy, widthDots: receipt.raster.width, heightDots: receipt.raster.height }));
  }

  /** A kept receipt (the newest without a number) as a PNG; undefined when the lab no longer holds it. */
  async receiptPng(number?: number): Promise<Uint8Array | undefined> {
    const receipt = number === undefined ? this.simulator.lastReceipt : this.simulator.receipts.find((r) => r.number === number);
    return receipt ? this.simulator.receiptPng(receipt) : undefined;
  }

  /** Called with each receipt as it comes out of the printer. */
  onReceipt(listener: (receipt: PrintedReceiptSummary) => void): () => void {
    return this.simulator.onReceipt((receipt) => listener({ number: receipt.number, endedBy: receipt.endedBy, widthDots: receipt.raster.width, heightDots: receipt.raster.height }));
  }

  state(): PrinterStationState {
    const sim = this.simulator;
    const plugged = this.line.isPlugged;
    const rows = sim.paperRows;
    const stats = sim.stats;
    return {
      plugged,
      online: plugged && sim.online && !this.#muted,
      paper: rows <= 0 ? 'out' : this.#roll,
      paperRowsLeft: Number.isFinite(rows) ? Math.max(0, rows) : null,
      coverOpen: this.#coverOpen,
      error: this.#error,
      faults: { muted: this.#muted, garbling: this.#garbling },
      receipts: this.receipts(),
      counters: { receipts: this.#printed, paperOuts: this.#paperOuts, unplugs: this.line.unplugs, replugs: this.line.replugs },
      link: {
        bytesReceived: stats.bytesReceived,
        statusAnswers: stats.statusAnswers,
        jobsFinished: stats.jobsFinished,
        buffersCleared: stats.buffersCleared,
        unknownCommands: stats.unknownCommands,
      },
    };
  }

  async close(): Promise<void> {
    await this.simulator.close();
    await this.line.unplug();
  }
}
