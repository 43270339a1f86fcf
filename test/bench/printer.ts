import { openPrinterRig } from '../../drivers/printer/testing/ptyRig';
import { lineTimeMs } from '../../drivers/transport/pacing';
import { renderReceipt } from '../../electron/core/receipts/render';
import { RECEIPT_KINDS, type ReceiptKind } from '../../electron/core/receipts/kinds';
import { SAMPLE_RECEIPTS } from '../../electron/core/receipts/testing/samples';
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
/** Renders per kind: half in Arabic, half in English. */
const RENDERS = 40;
const PRINTS = 5;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const median = (values: number[]): number => percentile(values, 50);

async function render(kind: ReceiptKind, language: 'ar' | 'en') {
  return renderReceipt(kind, SAMPLE_RECEIPTS[kind] as never, { language, widthDots: WIDTH });
}

async function renderFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  // Fonts loaded and code warmed once, as a running kiosk has them.
  for (const kind of RECEIPT_KINDS) await render(kind, 'ar');
  for (const kind of RECEIPT_KINDS) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      const started = performance.now();
      await render(kind, i % 2 === 0 ? 'ar' : 'en');
      times.push(performance.now() - started);
    }
    figures.push({ name: `receipt render p95, ${kind}`, value: Number(percentile(times, 95).toFixed(1)), unit: 'ms', note: `template → 1-bit raster, ${WIDTH} dots, ${RENDERS} renders, ar and en alternately; median ${median(times).toFixed(1)} ms` });
  }
  return figures;
}

async function printFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const rig = await openPrinterRig({ baudRate: BAUD, widthDots: WIDTH, paceHost: true, simulator: { rowsPerSecond: 1600 } });
  try {
    for (const kind of ['accountActivated', 'technicianReadiness'] as const) {
      const { raster } = await render(kind, 'ar');
      const elapsed: number[] = [];
      const ratios: number[] = [];
      let bytes = 0;
      for (let i = 0; i < PRINTS; i++) {
        rig.line.sent = 0;
        rig.line.received = 0;
        const started = performance.now();
        const printed = await rig.printer.printRaster(raster);
        const ms = performance.now() - started;
        if (!printed.ok) throw new Error(`print failed: ${printed.error.type}`);
        bytes = rig.line.sent + rig.line.received;
        elapsed.push(ms);
        ratios.push(ms / lineTimeMs(bytes, { baudRate: BAUD, bitsPerChar: 10 }));
      }
      const floor = lineTimeMs(bytes, { baudRate: BAUD, bitsPerChar: 10 });
      figures.push(
        { name: `receipt print, ${kind} (ar, ${raster.height} rows)`, value: Number(median(elapsed).toFixed(0)), unit: 'ms', note: `${BAUD} 8N1 pty, median of ${PRINTS}, status before and after, cut` },
        {
          name: `receipt print / line time, ${kind}`,
          value: Number(median(ratios).toFixed(2)),
          unit: 'ratio',
          budget: { max: 1.3 },
          note: `line time ${floor.toFixed(0)} ms = ${bytes} bytes both ways × 10 / ${BAUD}`,
        },
      );
    }
    return figures;
  } finally {
    await rig.close();
  }
}

export default async function printerBench(): Promise<BenchFigure[]> {
  return [...(await renderFigures()), ...(await printFigures())];
}
