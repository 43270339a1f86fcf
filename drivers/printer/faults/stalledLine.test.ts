import { expect, it } from 'vitest';
import { createMemoryPair } from '../../transport/memoryPair';
import type { ByteTransport } from '../../transport/types';
import { ReceiptPrinter } from '../driver';
import { blankRaster } from '../raster';
import { PrinterSimulator } from '../simulator';

/** The host's end of a line that takes status requests but stops moving once a job's bytes are written (a printer holding the line busy for good). */
function stallingJobs(transport: ByteTransport): ByteTransport {
  return {
    get isOpen() {
      return transport.isOpen;
    },
    write: (data) => (data.length > 3 ? new Promise<void>(() => undefined) : transport.write(data)),
    onData: (listener) => transport.onData(listener),
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}

it('a job the line never takes ends in a typed timeout within the job’s own time, its fate unknown', async () => {
  const [hostEnd, deviceEnd] = createMemoryPair();
  const simulator = new PrinterSimulator(deviceEnd, { rowsPerSecond: Infinity });
  const printer = new ReceiptPrinter(stallingJobs(hostEnd), { widthDots: 576, timings: { jobMarginMs: 300 } });
  const started = performance.now();
  const printed = await printer.printRaster(blankRaster(576, 40));
  expect(printed).toMatchObject({ ok: false, error: { type: 'timeout', job: 'unknown' } });
  // The bound is the job's estimate (160 rows at 400 a second + the margin), never the test's timeout.
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(simulator.stats.jobsFinished).toBe(0);
  printer.dispose();
  await simulator.close();
});

it('a status answer lost once is asked for again, not taken for a silent printer', async () => {
  const [hostEnd, deviceEnd] = createMemoryPair();
  const simulator = new PrinterSimulator(deviceEnd, { rowsPerSecond: Infinity });
  let dropped = 0;
  const losingOne: ByteTransport = {
    get isOpen() {
      return hostEnd.isOpen;
    },
    write: (data) => hostEnd.write(data),
    onData: (listener) =>
      hostEnd.onData((chunk) => {
        // The first status byte back is lost on the line.
        if (dropped === 0 && chunk.length === 1) {
          dropped += 1;
          return;
        }
        listener(chunk);
      }),
    onClose: (listener) => hostEnd.onClose(listener),
    close: () => hostEnd.close(),
  };
  const printer = new ReceiptPrinter(losingOne, { widthDots: 576, timings: { statusTimeoutMs: 100 } });
  const status = await printer.status();
  expect(dropped).toBe(1);
  expect(status).toMatchObject({ ok: true, value: { online: true, paperOut: false } });
  printer.dispose();
  await simulator.close();
});
