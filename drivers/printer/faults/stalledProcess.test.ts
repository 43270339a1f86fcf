import { afterEach, expect, it } from 'vitest';
import { ReceiptPrinter } from '../driver';
import { PrinterSimulator } from '../simulator';
import { STALL_PHASES, openStallingLine, type StallingLine } from '../../transport/testing/stallingDevice';

/**
 * Fault: the kiosk's process stalls (a loaded machine, a long garbage collection) while the printer is asked for its
 * status: the printer answers in time, then nothing in the process runs for longer than the status timeout. When it
 * runs again the expired wait and the waiting answer are due together; the answer must win, or a working printer
 * is reported as "not responding" (the receipt the customer was promised is not printed). The stall begins in a
 * timer callback or after the poll for I/O: a single turn of the loop does not bring the answer in after the latter.
 */

const STATUS_TIMEOUT_MS = 200;

let line: StallingLine | undefined;
let printer: ReceiptPrinter | undefined;
let simulator: PrinterSimulator | undefined;
afterEach(async () => {
  printer?.dispose();
  await simulator?.close();
  await line?.close();
  line = undefined;
  simulator = undefined;
  printer = undefined;
});

it.each(STALL_PHASES)('a status answer written before a stall begun in the %s phase is taken after it, not reported as a timeout', async (startsIn) => {
  const settings = { baudRate: 115_200, parity: 'none', dataBits: 8, stopBits: 1, noModemLines: true } as const;
  // The answer comes 50 ms into a 200 ms wait; the process then stalls for 400 ms.
  line = await openStallingLine(settings, { isAnswer: () => true, delayMs: 50, stallMs: 2 * STATUS_TIMEOUT_MS, startsIn });
  const { host: hostPort, device } = line;
  simulator = new PrinterSimulator(device.transport, { baudRate: 115_200, widthDots: 576, rowsPerSecond: Infinity });
  // One attempt per status byte: a second request would hide the first answer judged "none".
  printer = new ReceiptPrinter(hostPort, { widthDots: 576, baudRate: 115_200, timings: { statusTimeoutMs: STATUS_TIMEOUT_MS, statusAttempts: 1 } });
  expect((await printer.status()).ok).toBe(true);

  device.arm();
  const status = await printer.status();
  expect(device.stalls).toBe(1);
  expect(status).toMatchObject({ ok: true, value: { online: true, coverOpen: false } });
});
