import { createPtyPair, type PtyPair } from '../../transport/ptyPair';
import { openSerialTransport } from '../../transport/serial';
import type { ByteTransport } from '../../transport/types';
import { ReceiptPrinter, type PrinterOptions } from '../driver';
import { PrinterSimulator, type PrinterSimulatorOptions } from '../simulator';

/**
 * A receipt printer driver and its simulator joined by a real pty pair
 * (socat), both ends 8N1 without modem lines (DEVICES.md §8). Used by the
 * specs and the bench; the line's bytes are counted both ways.
 */

export interface LineCount {
  /** Host to printer. */
  sent: number;
  /** Printer to host. */
  received: number;
}

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

function counting(transport: ByteTransport, line: LineCount): ByteTransport {
  return {
    get isOpen() {
      return transport.isOpen;
    },
    write(data) {
      line.sent += data.length;
      return transport.write(data);
    },
    onData(listener) {
      return transport.onData((chunk) => {
        line.received += chunk.length;
        listener(chunk);
      });
    },
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}

async function openEnds(pair: PtyPair, baudRate: number): Promise<[ByteTransport, ByteTransport]> {
  const settings = { baudRate, parity: 'none', dataBits: 8, stopBits: 1, noModemLines: true } as const;
  const host = await openSerialTransport({ ...settings, path: pair.a });
  const device = await openSerialTransport({ ...settings, path: pair.b });
  return [host, device];
}

export async function openPrinterRig(options: PrinterRigOptions = {}): Promise<PrinterRig> {
  const baudRate = options.baudRate ?? 115_200;
  const widthDots = options.widthDots ?? 576;
  const line: LineCount = { sent: 0, received: 0 };
  const pair = await createPtyPair();
  const [host, device] = await openEnds(pair, baudRate);
  const simulator = new PrinterSimulator(device, { baudRate, widthDots, rowsPerSecond: Infinity, ...options.simulator });
  const printer = new ReceiptPrinter(counting(host, line), { widthDots, baudRate, ...options.printer });

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
