import { openPrinterRig } from '../../drivers/printer/testing/ptyRig';
import { lineTimeMs } from '../../drivers/transport/pacing';
import { renderReceipt } from '../../electron/core/receipts/render';
import { RECEIPT_KINDS, type ReceiptKind } from '../../electron/core/receipts/kinds';
import { SAMPLE_RECEIPTS } from '../../electron/core/receipts/testing/samples';
import { createCanvas } from '@napi-rs/canvas';
import { againstFloor, compare, paired, percentile } from './support/stats';
import { openPacedFloor } from './support/pacedFloor';
import type { BenchFigure } from './types';

/**
 * Receipt printer figures (issue 15): how long a template takes to become the
 * 1-bit raster the printer is sent, per receipt kind; and how long a receipt
 * takes to print over a 115,200 baud 8N1 pty, set against the time its bytes
 * need on the line (bytes × 10 / baud). Both ends pace their writes as a UART
 * would; the simulated mechanism prints at its default 1600 dot rows a second.
 */

const BAUD = 115_200;
const WIDTH = 576;
/**
 * Renders per kind: half in Arabic, half in English. The judged ratio is of the two sides' means, and a render takes
 * 7–29 ms: with 20, one slow stretch moved addressChanged's ratio 1.425 → 1.752 between a quiet run and one beside
 * stress-ng (pair N; 1.47–1.64 in three pairs before it).
 */
const RENDERS = 60;
const PRINTS = 3;

async function render(kind: ReceiptKind, language: 'ar' | 'en') {
  return renderReceipt(kind, SAMPLE_RECEIPTS[kind] as never, { language, widthDots: WIDTH });
}

/**
 * The render baseline: the same canvas library drawing a page of the same size with nothing laid out — fill it
 * white, one line of text, read the pixels back and threshold them to one bit — what any raster of that size costs.
 */
function blankRaster(height: number): void {
  const canvas = createCanvas(WIDTH, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, WIDTH, height);
  context.fillStyle = '#000';
  context.font = '24px sans-serif';
  context.fillText('receipt', 10, 30);
  const pixels = context.getImageData(0, 0, WIDTH, height).data;
  const bits = new Uint8Array((WIDTH / 8) * height);
  for (let i = 0; i < WIDTH * height; i++) if ((pixels[i * 4] ?? 255) < 128) bits[i >> 3] = (bits[i >> 3] ?? 0) | (0x80 >> (i & 7));
}

async function renderFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  // Fonts loaded and code warmed once, as a running kiosk has them.
  for (const kind of RECEIPT_KINDS) await render(kind, 'ar');
  for (const kind of RECEIPT_KINDS) {
    const height = (await render(kind, 'ar')).raster.height;
    const timed = async (work: () => Promise<unknown> | unknown): Promise<number> => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    let i = 0;
    const runs = await paired(RENDERS, 0, () => timed(() => render(kind, i++ % 2 === 0 ? 'ar' : 'en')), () => timed(() => blankRaster(height)));
    // The ratio of the two means, not the median of per-pair ratios: a render takes about 4 or 10 ms and the blank
    // canvas 1 or 7, in stretches of several calls (the same with a GC before each: below the code), so a pair is often
    // one of each, its ratio 0.3 or 9, and the median of 20 such moved 1.18 → 0.96 between two runs where the ratio
    // of the two sides' medians read 1.18 and 1.20.
    const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
    figures.push(
      compare(runs, {
        overall: { subject: total(runs.subject) / RENDERS, baseline: total(runs.baseline) / RENDERS },
        name: `receipt render, ${kind}`,
        unit: 'ms',
        baselineName: `a blank ${WIDTH}×${height} canvas: fill, one line of text, pixels read back to 1 bit`,
        budget: { max: 4 },
        note: `template → 1-bit raster, ${RENDERS} renders, ar and en alternately, figure and baseline their means; p95 ${percentile(runs.subject, 95).toFixed(1)} ms`,
        digits: 1,
      }),
    );
  }
  return figures;
}

async function printFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const rig = await openPrinterRig({ baudRate: BAUD, widthDots: WIDTH, paceHost: true, simulator: { rowsPerSecond: 1600 } });
  const floor = await openPacedFloor({ baudRate: BAUD, bitsPerChar: 10 });
  try {
    for (const kind of ['accountActivated', 'technicianReadiness'] as const) {
      const { raster } = await render(kind, 'ar');
      const runs: { value: number; floor: number }[] = [];
      let bytes = 0;
      for (let i = 0; i < PRINTS; i++) {
        rig.line.sent = 0;
        rig.line.received = 0;
        const started = performance.now();
        const printed = await rig.printer.printRaster(raster);
        const ms = performance.now() - started;
        if (!printed.ok) throw new Error(`print failed: ${printed.error.type}`);
        bytes = rig.line.sent + rig.line.received;
        runs.push({ value: ms, floor: await floor.measure(bytes) });
      }
      figures.push(
        againstFloor(runs, {
          name: `receipt print, ${kind} (ar, ${raster.height} rows)`,
          unit: 'ms',
          baselineName: `the same ${bytes} bytes through a bare paced pty (line time ${Math.round(lineTimeMs(bytes, { baudRate: BAUD, bitsPerChar: 10 }))} ms)`,
          budget: { max: 1.3 },
          note: `${BAUD} 8N1 pty, status before and after, cut`,
          digits: 0,
        }),
      );
    }
    return figures;
  } finally {
    await floor.close();
    await rig.close();
  }
}

export default async function printerBench(): Promise<BenchFigure[]> {
  return [...(await renderFigures()), ...(await printFigures())];
}
