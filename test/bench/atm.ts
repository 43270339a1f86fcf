import { sleep } from '../../common/time';
import { holderIn, startAtmKiosk } from '../../electron/core/atm/testing/atmKioskRig';
import type { AtmKioskRig } from '../../electron/core/atm/testing/atmKioskRig';
import { connectKiosk, createMemoryChannelPair } from '../../electron/contract';
import { againstFloor, percentile, timed } from './support/stats';
import { STATUS_SIZED, startEcho, type EchoRig } from './support/wsEcho';
import type { BenchFigure } from './types';

/**
 * Issue 12's figures, over the simulated ATM (XFS4IoT JSON on a real
 * WebSocket on loopback), the simulated bank host and the reference central:
 * card in → the PIN prompt on screen, and the PIN's Enter → the bank's answer
 * on screen (the MOI menu), each the moment the core pushes that step to a
 * renderer. The XFS4IoT round trip itself is `xfs4iot.ts`'s, in a process of
 * its own.
 */

const ROUNDS = 30;

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

export default async function atm(): Promise<BenchFigure[]> {
  const echo = await startEcho(STATUS_SIZED);
  try {
    return await screenFigures(echo);
  } finally {
    await echo.close();
  }
}
