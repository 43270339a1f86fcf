import { createPtyPair } from '../../transport/ptyPair';
import { countingTransport, openPtyEnds, type LineCount } from '../../transport/testing/ptyLine';
import { ReceiptPrinter, type PrinterOptions } from '../driver';
import { PrinterSimulator, type PrinterSimulatorOptions } from '../simulator';

/**
 * A receipt printer driver and its simulator joined by a real pty pair
 * (socat), both ends 8N1 without modem lines (DEVICES.md §8). Used by the
 * specs and the bench; the line's bytes are counted both ways.
 */

export interface PrinterRig {
  readonly printer: ReceiptPrinter;
  readonly simulator: PrinterSimulator;
  readonly line: LineCount;
  /** The cable is pulled: the printer loses power and the port disappears. */
  unplug(): Promise<void>;
  close(): Promise<void>;
}

export interface PrinterRigOptions {
  readonly baudRate?: number;
  readonly widthDots?: number;
  readonly simulator?: PrinterSimulatorOptions;
  readonly printer?: Partial<PrinterOptions>;
}

const lineSettings = (baudRate: number) => ({ baudRate, parity: 'none', dataBits: 8, stopBits: 1, noModemLines: true }) as const;

export async function openPrinterRig(options: PrinterRigOptions = {}): Promise<PrinterRig> {
  const baudRate = options.baudRate ?? 115_200;
  const widthDots = options.widthDots ?? 576;
  const line: LineCount = { sent: 0, received: 0 };
  const pair = await createPtyPair();
  const [host, device] = await openPtyEnds(pair, lineSettings(baudRate));
  const simulator = new PrinterSimulator(device, { baudRate, widthDots, rowsPerSecond: Infinity, ...options.simulator });
  const printer = new ReceiptPrinter(countingTransport(host, line), { widthDots, baudRate, ...options.printer });

  return {
    printer,
    simulator,
    line,
    async unplug() {
      await simulator.unplug();
      await pair.close();
    },
    async close() {
      printer.dispose();
      await simulator.close();
      await host.close();
      await pair.close();
    },
  };
}
