import { sleep } from '../../common/time';
import { SankyoDecoder, encodeFrame } from '../../drivers/cardSlot/codec';
import { identifyCard } from '../../drivers/cardSlot/identify';
import { openCardSlotRig, type CardSlotRig } from '../../drivers/cardSlot/testing/ptyRig';
import type { VirtualCard } from '../../drivers/cardData/virtualCard';
import { makeBankCard, makeNationalIdCard } from '../../drivers/lab/cards';
import { buildMagtekReport, parseMagtekReport } from '../../drivers/magstripe/report';
import type { BenchFigure } from './types';

/**
 * Card slot figures: how long from a card going in to knowing whose it is, set
 * against the time the bytes themselves need on a 38400 8E1 line; and how fast
 * the codecs parse.
 */

const BAUD = 38400;
const BITS_PER_CHAR = 11;
const ROUNDS = 9;
const POLL_MS = 10;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface InsertTiming {
  elapsedMs: number;
  lineMs: number;
}

async function insertToIdentity(rig: CardSlotRig, card: VirtualCard, order: 'tracksFirst' | 'chipFirst', expected: string): Promise<InsertTiming> {
  const { slot, simulator } = rig;
  await slot.initialize('capture');
  await slot.enableEntry('anyCard');
  const waiting = slot.waitForCard({ pollMs: POLL_MS });
  // Let polling settle into its rhythm, so the insert lands at a random point of a poll cycle.
  await sleep(25 + Math.random() * POLL_MS);
  rig.line.sent = 0;
  rig.line.received = 0;
  const started = performance.now();
  const inserted = simulator.insertCard(card);
  if (!inserted.ok) throw new Error(`insert failed: ${inserted.error.type}`);
  const detected = await waiting;
  if (!detected.ok) throw new Error(`card not detected: ${detected.error.type}`);
  const identity = await identifyCard(slot, { order });
  const elapsedMs = performance.now() - started;
  if (!identity.ok || identity.value.kind !== expected) throw new Error(`identity wrong: ${JSON.stringify(identity)}`);
  const lineMs = ((rig.line.sent + rig.line.received) * BITS_PER_CHAR * 1000) / BAUD;
  return { elapsedMs, lineMs };
}

async function insertFigures(): Promise<BenchFigure[]> {
  const rig = await openCardSlotRig({ baudRate: BAUD });
  try {
    const cases = [
      { name: 'bank card (tracks 2+1)', card: makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'), order: 'tracksFirst', kind: 'bank' },
      { name: 'national ID (chip: IC, ATR, SELECT×2, READ BINARY)', card: makeNationalIdCard('1000000008', '2030-12-31'), order: 'chipFirst', kind: 'nationalId' },
    ] as const;
    const figures: BenchFigure[] = [];
    for (const { name, card, order, kind } of cases) {
      const timings: InsertTiming[] = [];
      for (let round = 0; round < ROUNDS; round++) timings.push(await insertToIdentity(rig, card, order, kind));
      const elapsed = median(timings.map((timing) => timing.elapsedMs));
      const line = median(timings.map((timing) => timing.lineMs));
      const ratio = median(timings.map((timing) => timing.elapsedMs / timing.lineMs));
      figures.push(
        { name: `card slot insert→identity, ${name}`, value: Number(elapsed.toFixed(1)), unit: 'ms', note: `${BAUD} 8E1 over a pty, status poll ${POLL_MS} ms, median of ${ROUNDS}` },
        {
          name: `card slot insert→identity / line time, ${name}`,
          value: Number(ratio.toFixed(2)),
          unit: 'ratio',
          budget: { max: 1.5 },
          note: `line time ${line.toFixed(1)} ms = all bytes both ways × ${BITS_PER_CHAR} / ${BAUD}`,
        },
      );
    }
    return figures;
  } finally {
    await rig.close();
  }
}

function sankyoThroughput(): BenchFigure {
  const frames: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; size < 8 * 1024 * 1024; i++) {
    const text = new Uint8Array(5 + ((i * 37) % 300)).map((_, j) => (i + j) & 0xff);
    const frame = encodeFrame(text);
    frames.push(frame, Uint8Array.of(0x06));
    size += frame.length + 1;
  }
  const stream = new Uint8Array(size);
  let at = 0;
  for (const frame of frames) {
    stream.set(frame, at);
    at += frame.length;
  }
  const decoder = new SankyoDecoder();
  const chunk = 4096;
  const started = performance.now();
  let decoded = 0;
  for (let offset = 0; offset < stream.length; offset += chunk) decoded += decoder.push(stream.subarray(offset, offset + chunk)).length;
  const seconds = (performance.now() - started) / 1000;
  if (decoded !== frames.length) throw new Error(`decoded ${decoded} events, expected ${frames.length}`);
  return { name: 'Sankyo codec decode throughput', value: Number((stream.length / 1e6 / seconds).toFixed(1)), unit: 'MB/s', budget: { min: 50 }, note: '8 MB of frames (5–304 byte texts) + ACKs in 4 KB chunks' };
}

function magtekThroughput(): BenchFigure {
  const report = buildMagtekReport(
    [{ text: '%B4111111111111111^DOE/JOHN^30122010000000?' }, { text: ';4111111111111111=30122010000000?' }, {}],
    'isoAba',
  );
  const count = 40_000;
  const started = performance.now();
  let ok = 0;
  for (let i = 0; i < count; i++) if (parseMagtekReport(report).ok) ok++;
  const seconds = (performance.now() - started) / 1000;
  if (ok !== count) throw new Error('MagTek report failed to parse');
  return { name: 'MagTek report parse throughput', value: Number(((count * report.length) / 1e6 / seconds).toFixed(1)), unit: 'MB/s', budget: { min: 50 }, note: `${count} reports of 337 bytes` };
}

export default async function cardSlotBench(): Promise<BenchFigure[]> {
  return [...(await insertFigures()), sankyoThroughput(), magtekThroughput()];
}
