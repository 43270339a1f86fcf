import { sleep } from '../../common/time';
import { identifyCard } from '../../drivers/cardSlot/identify';
import { openCardSlotRig, type CardSlotRig } from '../../drivers/cardSlot/testing/ptyRig';
import type { VirtualCard } from '../../drivers/cardData/virtualCard';
import { makeBankCard, makeNationalIdCard } from '../../drivers/lab/cards';
import { againstFloor } from './support/stats';
import { openPacedFloor, type PacedFloor } from './support/pacedFloor';
import type { BenchFigure } from './types';

/**
 * Card slot figures: how long from a card going in to knowing whose it is, set
 * against the time the bytes themselves need on a 38400 8E1 line. (How fast the
 * card codecs parse is `cardCodecs`, in a process of its own.)
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

export default async function cardSlotBench(): Promise<BenchFigure[]> {
  return insertFigures();
}
