import { STX, SankyoDecoder, encodeFrame } from '../../drivers/cardSlot/codec';
import { buildMagtekReport, parseMagtekReport } from '../../drivers/magstripe/report';
import { concatBytes } from '../../common/testing/bytes';
import { chunksOf, rateOf, scanAndCopy } from './support/bytes';
import { compare, paired } from './support/stats';
import type { BenchFigure } from './types';

/**
 * How fast the card codecs parse (the Sankyo card slot's frames, the MagTek reader's reports), each against
 * `Buffer.indexOf(delimiter)` with each piece before one copied out (support/bytes.ts), in pairs taken in turn.
 *
 * In a process of their own: run after the card slot's pty journeys in theirs, the Sankyo ratio's median of 41 pairs
 * moved 0.060–0.081 between runs. Against a baseline that made no garbage (one copy a chunk into a kept buffer), a
 * fresh process still moved with the heap's weather (MagTek 0.29–0.40 over four full runs); with the pieces copied out
 * as the parsers hand out theirs, eight runs (four beside stress-ng) read Sankyo 0.63–0.82, MagTek 2.51–2.98: the
 * garbage one side of a pair left was collected in the other's time. Each measurement now starts from a collected
 * heap (support/bytes.ts, rateOf): four runs (two beside stress-ng) read Sankyo 0.69–0.76, MagTek 1.67–1.77 (its
 * baseline, which makes more garbage than the parser, gained most).
 */

/**
 * Pairs: one pair's ratio spreads widely (0.045–0.092 for Sankyo against the old baseline); with 11 the median moved
 * between runs more than with 41.
 */
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
  const stream = concatBytes(frames);
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
    baselineName: 'Buffer.indexOf(STX) + each piece before one copied out (a new array each), over the same 4 KB chunks',
    budget: { min: 0.2 },
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
    baselineName: "Buffer.indexOf('?') + each piece before one copied out (a new array each), over the same reports, one at a time",
    budget: { min: 0.8 },
    note: `${count} reports of ${report.length} bytes a pass`,
    digits: 1,
  });
}

export default async function cardCodecsBench(): Promise<BenchFigure[]> {
  return [await sankyoThroughput(), await magtekThroughput()];
}
