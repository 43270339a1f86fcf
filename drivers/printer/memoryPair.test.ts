import { describe, expect, it } from 'vitest';
import { createMemoryPair } from '../transport/memoryPair';
import { ReceiptPrinter } from './driver';
import { blankRaster } from './raster';
import { PrinterSimulator } from './simulator';

describe('over an in-memory pair (unit tests without a pty)', () => {
  it('prints and reports paper out the same way', async () => {
    const [hostEnd, deviceEnd] = createMemoryPair();
    const simulator = new PrinterSimulator(deviceEnd, { rowsPerSecond: Infinity });
    const printer = new ReceiptPrinter(hostEnd, { widthDots: 576 });
    expect((await printer.printRaster(blankRaster(576, 50))).ok).toBe(true);
    simulator.paperOutAfter(0);
    expect(await printer.printRaster(blankRaster(576, 50))).toEqual({ ok: false, error: { type: 'paperOut', job: 'notStarted' } });
    printer.dispose();
    await simulator.close();
  });
});
