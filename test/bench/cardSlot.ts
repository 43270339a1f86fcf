import { sleep } from '../../common/time';
import { STX, SankyoDecoder, encodeFrame } from '../../drivers/cardSlot/codec';
import { identifyCard } from '../../drivers/cardSlot/identify';
import { openCardSlotRig, type CardSlotRig } from '../../drivers/cardSlot/testing/ptyRig';
import type { VirtualCard } from '../../drivers/cardData/virtualCard';
import { makeBankCard, makeNationalIdCard } from '../../drivers/lab/cards';
import { buildMagtekReport, parseMagtekReport } from '../../drivers/magstripe/report';
import { chunksOf, rateOf, scanAndCopy } from './support/bytes';
import { againstFloor, compare, paired } from './support/stats';
import { openPacedFloor, type PacedFloor } from './support/pacedFloor';
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



interface InsertTiming {
  elapsedMs: number;
  lineMs: number;
  floorMs: number;
}

async function insertToIdentity(rig: CardSlotRig, floor: PacedFloor, card: VirtualCard, order: 'tracksFirst' | 'chipFirst', expected: string): Promise<InsertTiming> {
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
  const bytes = rig.line.sent + rig.line.received;
  return { elapsedMs, lineMs: (bytes * BITS_PER_CHAR * 1000) / BAUD, floorMs: await floor.measure(bytes) };
}

async function insertFigures(): Promise<BenchFigure[]> {
  const rig = await openCardSlotRig({ baudRate: BAUD });
  const floor = await openPacedFloor({ baudRate: BAUD, bitsPerChar: BITS_PER_CHAR });
  try {
    const cases = [
      { name: 'bank card (tracks 2+1)', card: makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008'), order: 'tracksFirst', kind: 'bank' },
      { name: 'national ID (chip: IC, ATR, SELECT×2, READ BINARY)', card: makeNationalIdCard('1000000008', '2030-12-31'), order: 'chipFirst', kind: 'nationalId' },
    ] as const;
    const figures: BenchFigure[] = [];
    for (const { name, card, order, kind } of cases) {
      await insertToIdentity(rig, floor, card, order, kind); // warm-up
      const timings: InsertTiming[] = [];
      for (let round = 0; round < ROUNDS; round++) timings.push(await insertToIdentity(rig, floor, card, order, kind));
      figures.push(
        againstFloor(
          timings.map((t) => ({ value: t.elapsedMs, floor: t.floorMs })),
          {
            name: `card slot insert→identity, ${name}`,
            unit: 'ms',
            baselineName: `the same bytes through a bare paced pty (line time ${Math.round(timings[0]?.lineMs ?? 0)} ms: bytes both ways × ${BITS_PER_CHAR} / ${BAUD})`,
            budget: { max: 1.6 },
            note: `${BAUD} 8E1 over a pty, status poll ${POLL_MS} ms`,
            digits: 1,
          },
        ),
      );
    }
    return figures;
  } finally {
    await floor.close();
    await rig.close();
  }
}

/** Pairs: with 11, the median ratio moved 0.060–0.081 between runs (a pair spreads 0.045–0.081); with 41, 0.063–0.068. */
const CODEC_ROUNDS = 41;

async function sankyoThroughput(): Promise<BenchFigure> {
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
  const chunks = chunksOf(stream, 4096);
  const decode = (): number => {
    const decoder = new SankyoDecoder();
    let decoded = 0;
    for (const chunk of chunks) decoded += decoder.push(chunk).length;
    if (decoded !== frames.length) throw new Error(`decoded ${decoded} events, expected ${frames.length}`);
    return stream.length;
  };
  const runs = await paired(CODEC_ROUNDS, 1, async () => rateOf(decode), async () => rateOf(() => scanAndCopy(chunks, STX)));
  return compare(runs, {
    name: 'Sankyo codec decode throughput',
    unit: 'MB/s',
    baselineName: 'Buffer.indexOf(STX) + copy over the same 4 KB chunks',
    budget: { min: 0.01 },
    note: '8 MB of frames (5–304 byte texts) + ACKs in 4 KB chunks',
    digits: 1,
  });
}

async function magtekThroughput(): Promise<BenchFigure> {
  const report = buildMagtekReport(
    [{ text: '%B4111111111111111^DOE/JOHN^30122010000000?' }, { text: ';4111111111111111=30122010000000?' }, {}],
    'isoAba',
  );
  const count = 20_000;
  const reports = Array.from({ length: count }, () => report);
  const parse = (): number => {
    let ok = 0;
    for (const r of reports) if (parseMagtekReport(r).ok) ok++;
    if (ok !== count) throw new Error('MagTek report failed to parse');
    return count * report.length;
  };
  const runs = await paired(CODEC_ROUNDS, 1, async () => rateOf(parse), async () => rateOf(() => scanAndCopy(reports, 0x3f)));
  return compare(runs, {
    name: 'MagTek report parse throughput',
    unit: 'MB/s',
    baselineName: "Buffer.indexOf('?') + copy over the same reports, one at a time",
    budget: { min: 0.1 },
    note: `${count} reports of ${report.length} bytes a pass`,
    digits: 1,
  });
}

export default async function cardSlotBench(): Promise<BenchFigure[]> {
  return [...(await insertFigures()), await sankyoThroughput(), await magtekThroughput()];
}
