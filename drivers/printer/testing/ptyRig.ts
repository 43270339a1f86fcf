import { bitsPerCharacter, PacedLine } from '../../transport/pacing';
import { createPtyPair } from '../../transport/ptyPair';
import { countingTransport, openPtyEnds, type LineCount } from '../../transport/testing/ptyLine';
import type { ByteTransport } from '../../transport/types';
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

interface PrinterRigOptions {
  readonly baudRate?: number;
  readonly widthDots?: number;
  readonly simulator?: PrinterSimulatorOptions;
  readonly printer?: Partial<PrinterOptions>;
  /**
   * The host's writes leave no faster than its UART would send them at the
   * baud rate (a pty moves them at memory speed): for timings (the bench).
   */
  readonly paceHost?: boolean;
}

/** The host's end as a UART sends: each write resolves when its last byte has left the wire. */
function pacedHost(transport: ByteTransport, baudRate: number): ByteTransport {
  const line = new PacedLine(transport, { baudRate, bitsPerChar: bitsPerCharacter(8, 'none', 1) });
  return {
    get isOpen() {
      return transport.isOpen;
    },
    write: (data) => line.write(data),
    onData: (listener) => transport.onData(listener),
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}

const lineSettings = (baudRate: number) => ({ baudRate, parity: 'none', dataBits: 8, stopBits: 1, noModemLines: true }) as const;

export async function openPrinterRig(options: PrinterRigOptions = {}): Promise<PrinterRig> {
  const baudRate = options.baudRate ?? 115_200;
  const widthDots = options.widthDots ?? 576;
  const line: LineCount = { sent: 0, received: 0 };
  const pair = await createPtyPair();
  const [host, device] = await openPtyEnds(pair, lineSettings(baudRate));
  const simulator = new PrinterSimulator(device, { baudRate, widthDots, rowsPerSecond: Infinity, ...options.simulator });
  const printer = new ReceiptPrinter(countingTransport(options.paceHost ? pacedHost(host, baudRate) : host, line), { widthDots, baudRate, ...options.printer });

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
