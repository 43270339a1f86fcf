import { sleep } from '../../common/time';
import { connectClient, openAtm } from '../../drivers/xfs4iot/testing/atmRig';
import { holderIn, startAtmKiosk } from '../../electron/core/atm/testing/atmKioskRig';
import type { AtmKioskRig } from '../../electron/core/atm/testing/atmKioskRig';
import { connectKiosk, createMemoryChannelPair } from '../../electron/contract';
import { againstFloor, compare, paired, percentile } from './support/stats';
import { startEcho, type EchoRig } from './support/wsEcho';
import type { BenchFigure } from './types';

/**
 * Issue 12's figures, over the simulated ATM (XFS4IoT JSON on a real
 * WebSocket on loopback), the simulated bank host and the reference central:
 * card in → the PIN prompt on screen, and the PIN's Enter → the bank's answer
 * on screen (the MOI menu), each the moment the core pushes that step to a
 * renderer; and the XFS4IoT round trip itself (command → completion) and how
 * many messages one connection carries a second.
 */

const ROUNDS = 30;
/** Enough round trips that a p99 is the 40th slowest, not the 4th: one GC pause no longer moves it. */
const STATUS_ROUNDS = 4_000;
const STATUS_BLOCK = 500;
/** About 0.4 s of XFS4IoT traffic a run (2,000 took 0.08 s, and one busy moment moved a run's rate 3×). */
const THROUGHPUT_COMMANDS = 10_000;
const THROUGHPUT_ROUNDS = 7;
const IN_FLIGHT = 16;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 15_000; i += 1) {
    if (check()) return;
    await sleep(2);
  }
  throw new Error(`never: ${what}`);
}

/**
 * A second renderer on the core, as a screen is one: the moment each ATM step is first pushed to it, not busy.
 * (Looking at the core's snapshot every few milliseconds put the look's own period into a 2 ms figure.)
 */
function watchScreen(rig: AtmKioskRig) {
  const [coreEnd, screenEnd] = createMemoryChannelPair();
  const disconnect = rig.core.connect(coreEnd);
  let wanted: { step: string; resolve(at: number): void } | undefined;
  const client = connectKiosk(screenEnd, {
    snapshot: (snapshot) => {
      const view = snapshot.atmJourney;
      if (wanted && view && !view.busy && view.step === wanted.step) {
        wanted.resolve(performance.now());
        wanted = undefined;
      }
    },
    sessionEnded: () => undefined,
    reloadRequested: () => undefined,
  });
  return {
    /** Resolves with the moment `step` is pushed; call before the action that leads to it. */
    next(step: string): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never shown: ${step} (last ${rig.view()?.step ?? 'none'})`)), 30_000);
        wanted = { step, resolve: (at) => (clearTimeout(timer), resolve(at)) };
      });
    },
    close() {
      client.close();
      disconnect();
    },
  };
}

async function screenFigures(echo: EchoRig): Promise<BenchFigure[]> {
  let frames = 0;
  const rig = await startAtmKiosk({ onFrame: () => (frames += 1) });
  const screen = watchScreen(rig);
  try {
    await rig.service.connected();
    const toPrompt: { value: number; floor: number }[] = [];
    const toAnswer: { value: number; floor: number }[] = [];
    let promptCount = 0;
    let answerCount = 0;
    /** As many bare round trips (three messages each) as it takes to carry the XFS4IoT frames that crossed, one after another, just after. */
    const floor = async (messages: number) =>
      timed(async () => {
        for (let i = 0; i < Math.max(1, Math.ceil(messages / 3)); i += 1) await echo.roundTrip();
      });
    for (let round = -1; round < ROUNDS; round += 1) {
      const holder = holderIn('registered', (round + 1) % 3);
      await until(() => rig.atm.control.state().cardReader.accepting, 'the ATM opens its card slot');
      const prompt = screen.next('atm.pin.entry');
      frames = 0;
      const inserted = performance.now();
      if (!rig.atm.control.insertCard(holder.card).ok) throw new Error('insert refused');
      const prompted = (await prompt) - inserted;
      const promptFrames = frames;
      const promptFloor = await floor(promptFrames);

      await until(() => rig.atm.control.state().keyboard.entry === 'pin', 'the EPP takes the PIN');
      if (!rig.atm.control.pressKeys(holder.customer.pin).ok) throw new Error('PIN keys refused');
      await until(() => rig.view()?.data['pinDigits'] === holder.customer.pin.length, 'every PIN key counted on screen');
      const menu = screen.next('atm.menu');
      frames = 0;
      const entered = performance.now();
      if (!rig.atm.control.pressKeys('enter').ok) throw new Error('Enter refused');
      const answered = (await menu) - entered;
      const answerFrames = frames;
      const answerFloor = await floor(answerFrames);
      await rig.reset();
      if (round < 0) continue; // warm-up card
      toPrompt.push({ value: prompted, floor: promptFloor });
      toAnswer.push({ value: answered, floor: answerFloor });
      if (round === 0) {
        promptCount = promptFrames;
        answerCount = answerFrames;
      }
    }
    const baselineName = (n: number) =>
      `the XFS4IoT frames that crossed (${n} on the first measured card) as bare WebSocket messages: ${Math.max(1, Math.ceil(n / 3))} round trips of three (ws, loopback, two answers a message), one after another, just after each card`;
    const options = { unit: 'ms', budget: { max: 60 }, digits: 2 };
    const p95 = (runs: { value: number }[]) => percentile(runs.map((r) => r.value), 95).toFixed(1);
    return [
      againstFloor(toPrompt, {
        ...options,
        baselineName: baselineName(promptCount),
        name: 'ATM card insert → PIN prompt on screen',
        note: `p95 ${p95(toPrompt)} ms; ${ROUNDS} cards after one unmeasured, the moment the core pushes the step to a renderer; ratio: each card against its own floor`,
      }),
      againstFloor(toAnswer, {
        ...options,
        baselineName: baselineName(answerCount),
        name: 'ATM PIN Enter → bank answer on screen',
        note: `p95 ${p95(toAnswer)} ms; GetPinBlock, the bank host's verify, central's account preview`,
      }),
    ];
  } finally {
    screen.close();
    await rig.close();
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** `commands` sent `inFlight` at a time; messages a second (three each: command, acknowledge, completion). */
async function messagesPerSecond(send: () => Promise<void>, commands: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < commands) {
      next += 1;
      await send();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return (commands * 3) / ((performance.now() - started) / 1000);
}

async function wireFigures(echo: EchoRig): Promise<BenchFigure[]> {
  const rig = await openAtm();
  const client = await connectClient(rig);
  try {
    const common = client.services.find((service) => service.interfaces.includes('CardReader')) ?? client.services[0];
    if (!common) throw new Error('the simulator published no service');
    const status = async (): Promise<void> => {
      const answer = await common.command('Common.Status', {});
      if (!answer.ok) throw new Error(`Common.Status failed: ${JSON.stringify(answer.error)}`);
    };
    for (let i = 0; i < 20; i += 1) await status(); // warm-up
    const trips = { subject: [] as number[], baseline: [] as number[] };
    // Blocks in sequence, XFS4IoT and bare in turn.
    const blocks = { p50: { subject: [] as number[], baseline: [] as number[] }, p99: { subject: [] as number[], baseline: [] as number[] } };
    for (let block = 0; block < STATUS_ROUNDS / STATUS_BLOCK; block += 1) {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < STATUS_BLOCK; i += 1) ours.push(await timed(status));
      for (let i = 0; i < STATUS_BLOCK; i += 1) theirs.push(await timed(() => echo.roundTrip()));
      for (const [p, into] of [[50, blocks.p50], [99, blocks.p99]] as const) {
        into.subject.push(percentile(ours, p));
        into.baseline.push(percentile(theirs, p));
      }
      trips.subject.push(...ours);
      trips.baseline.push(...theirs);
    }
    const throughput = await paired(THROUGHPUT_ROUNDS, 1, () => messagesPerSecond(status, THROUGHPUT_COMMANDS), () => messagesPerSecond(() => echo.roundTrip(), THROUGHPUT_COMMANDS));
    const baselineName = 'a bare WebSocket round trip (ws, loopback, two answers a message), in turn';
    return [50, 99].map((p) =>
      compare(blocks[p === 50 ? 'p50' : 'p99'], {
        name: `XFS4IoT Common.Status round trip p${p}`,
        unit: 'ms',
        baselineName,
        budget: { max: p === 50 ? 15 : 30 },
        overall: { subject: percentile(trips.subject, p), baseline: percentile(trips.baseline, p) },
        note: `${STATUS_ROUNDS} in sequence, command → completion, loopback WebSocket; spread: blocks of ${STATUS_BLOCK}`,
        digits: 3,
      }),
    ).concat(
      compare(throughput, {
        name: 'XFS4IoT messages per second, one connection',
        unit: 'msg/s',
        baselineName: `the bare WebSocket echo, ${IN_FLIGHT} in flight`,
        budget: { min: 0.1 },
        note: `${THROUGHPUT_COMMANDS} Common.Status, ${IN_FLIGHT} in flight (command, acknowledge, completion each)`,
        digits: 0,
      }),
    );
  } finally {
    await client.close();
    await rig.close();
  }
}

export default async function atm(): Promise<BenchFigure[]> {
  // About the size of a Common.Status command on the wire.
  const echo = await startEcho(JSON.stringify({ header: { type: 'command', name: 'Common.Status', requestId: 1, version: '2.0' }, payload: {} }));
  try {
    return [...(await screenFigures(echo)), ...(await wireFigures(echo))];
  } finally {
    await echo.close();
  }
}
