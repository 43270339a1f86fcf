import { sleep } from '../../common/time';
import { connectClient, openAtm } from '../../drivers/xfs4iot/testing/atmRig';
import { holderIn, startAtmKiosk } from '../../electron/core/atm/testing/atmKioskRig';
import type { AtmKioskRig } from '../../electron/core/atm/testing/atmKioskRig';
import { compare, paired, percentile } from './support/stats';
import { startEcho, type EchoRig } from './support/wsEcho';
import type { BenchFigure } from './types';

/**
 * Issue 12's figures, over the simulated ATM (XFS4IoT JSON on a real
 * WebSocket on loopback), the simulated bank host and the reference central:
 * card in → the PIN prompt on screen, and the PIN's Enter → the bank's answer
 * on screen (the MOI menu), each as the core's snapshot shows it; and the
 * XFS4IoT round trip itself (command → completion) and how many messages one
 * connection carries a second.
 */

const ROUNDS = 30;
const STATUS_ROUNDS = 400;
const THROUGHPUT_COMMANDS = 2_000;
const IN_FLIGHT = 16;
/** How often the screen's step is looked at: fine against a 300 ms budget, light on the core's event loop. */
const LOOK_MS = 2;

/** The moment the ATM journey shows `step`, not busy (bounded: 30 s). */
async function shown(rig: AtmKioskRig, step: string): Promise<number> {
  for (let i = 0; i < 15_000; i += 1) {
    const view = rig.view();
    if (view?.step === step && !view.busy) return performance.now();
    await sleep(LOOK_MS);
  }
  throw new Error(`never shown: ${step} (last ${rig.view()?.step ?? 'none'})`);
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 15_000; i += 1) {
    if (check()) return;
    await sleep(LOOK_MS);
  }
  throw new Error(`never: ${what}`);
}

async function screenFigures(echo: EchoRig): Promise<BenchFigure[]> {
  const rig = await startAtmKiosk();
  try {
    await rig.service.connected();
    const toPrompt: number[] = [];
    const toAnswer: number[] = [];
    /** Bare WebSocket round trips taken beside each card, in the same weather. */
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const holder = holderIn('registered', round % 3);
      await until(() => rig.atm.control.state().cardReader.accepting, 'the ATM opens its card slot');
      const inserted = performance.now();
      if (!rig.atm.control.insertCard(holder.card).ok) throw new Error('insert refused');
      toPrompt.push((await shown(rig, 'atm.pin.entry')) - inserted);

      await until(() => rig.atm.control.state().keyboard.entry === 'pin', 'the EPP takes the PIN');
      if (!rig.atm.control.pressKeys(holder.customer.pin).ok) throw new Error('PIN keys refused');
      await until(() => rig.view()?.data['pinDigits'] === holder.customer.pin.length, 'every PIN key counted on screen');
      const entered = performance.now();
      if (!rig.atm.control.pressKeys('enter').ok) throw new Error('Enter refused');
      toAnswer.push((await shown(rig, 'atm.menu')) - entered);
      await rig.reset();
      for (let i = 0; i < 20; i += 1) bare.push(await timed(() => echo.roundTrip()));
    }
    const baselineName = 'a bare WebSocket round trip on loopback (ws, two answers a message), beside each card';
    const perCard = (times: number[]) => ({ subject: times, baseline: times.map((_, i) => percentile(bare.slice(i * 20, i * 20 + 20), 95)) });
    const options = { unit: 'ms', baselineName, budget: { max: 600 }, digits: 2 };
    return [
      compare(perCard(toPrompt), {
        ...options,
        name: 'ATM card insert → PIN prompt on screen',
        note: `p95 ${percentile(toPrompt, 95).toFixed(0)} ms; ${ROUNDS} cards, the screen looked at every ${LOOK_MS} ms; ratio: each card against the bare p95 beside it`,
      }),
      compare(perCard(toAnswer), {
        ...options,
        name: 'ATM PIN Enter → bank answer on screen',
        note: `p95 ${percentile(toAnswer, 95).toFixed(0)} ms; GetPinBlock, the bank host's verify, central's account preview`,
      }),
    ];
  } finally {
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
    // Blocks of 50 in sequence, XFS4IoT and bare in turn.
    const blocks = { p50: { subject: [] as number[], baseline: [] as number[] }, p99: { subject: [] as number[], baseline: [] as number[] } };
    for (let block = 0; block < STATUS_ROUNDS / 50; block += 1) {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < 50; i += 1) ours.push(await timed(status));
      for (let i = 0; i < 50; i += 1) theirs.push(await timed(() => echo.roundTrip()));
      for (const [p, into] of [[50, blocks.p50], [99, blocks.p99]] as const) {
        into.subject.push(percentile(ours, p));
        into.baseline.push(percentile(theirs, p));
      }
      trips.subject.push(...ours);
      trips.baseline.push(...theirs);
    }
    const throughput = await paired(3, 1, () => messagesPerSecond(status, THROUGHPUT_COMMANDS), () => messagesPerSecond(() => echo.roundTrip(), THROUGHPUT_COMMANDS));
    const baselineName = 'a bare WebSocket round trip (ws, loopback, two answers a message), in turn';
    return [50, 99].map((p) =>
      compare(blocks[p === 50 ? 'p50' : 'p99'], {
        name: `XFS4IoT Common.Status round trip p${p}`,
        unit: 'ms',
        baselineName,
        budget: { max: p === 50 ? 15 : 30 },
        overall: { subject: percentile(trips.subject, p), baseline: percentile(trips.baseline, p) },
        note: `${STATUS_ROUNDS} in sequence, command → completion, loopback WebSocket; spread: blocks of 50`,
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
