import { sleep } from '../../common/time';
import { connectClient, openAtm } from '../../drivers/xfs4iot/testing/atmRig';
import { holderIn, startAtmKiosk } from '../../electron/core/atm/testing/atmKioskRig';
import type { AtmKioskRig } from '../../electron/core/atm/testing/atmKioskRig';
import type { BenchFigure } from './types';

/**
 * Issue 12's figures, over the simulated ATM (XFS4IoT JSON on a real
 * WebSocket on loopback), the simulated bank host and the reference central:
 * card in → the PIN prompt on screen, and the PIN's Enter → the bank's answer
 * on screen (the MOI menu), each as the core's snapshot shows it; and the
 * XFS4IoT round trip itself (command → completion) and how many messages one
 * connection carries a second.
 */

const ROUNDS = 15;
const STATUS_ROUNDS = 400;
const THROUGHPUT_COMMANDS = 2_000;
const IN_FLIGHT = 16;
/** How often the screen's step is looked at: fine against a 300 ms budget, light on the core's event loop. */
const LOOK_MS = 2;

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

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

async function screenFigures(): Promise<BenchFigure[]> {
  const rig = await startAtmKiosk();
  try {
    await rig.service.connected();
    const toPrompt: number[] = [];
    const toAnswer: number[] = [];
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
    }
    const note = `median ${percentile(toPrompt, 50).toFixed(0)} ms; ${ROUNDS} cards, the screen looked at every ${LOOK_MS} ms`;
    return [
      { name: 'ATM card insert → PIN prompt on screen, p95', value: Math.round(percentile(toPrompt, 95)), unit: 'ms', budget: { max: 300 }, note },
      {
        name: 'ATM PIN Enter → bank answer on screen, p95',
        value: Math.round(percentile(toAnswer, 95)),
        unit: 'ms',
        budget: { max: 300 },
        note: `median ${percentile(toAnswer, 50).toFixed(0)} ms; GetPinBlock, the bank host's verify, central's account preview`,
      },
    ];
  } finally {
    await rig.close();
  }
}

async function wireFigures(): Promise<BenchFigure[]> {
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
    const trips: number[] = [];
    for (let i = 0; i < STATUS_ROUNDS; i += 1) {
      const started = performance.now();
      await status();
      trips.push(performance.now() - started);
    }

    // Throughput: commands kept IN_FLIGHT at a time on the one connection; each is three messages
    // (command, acknowledge, completion).
    let next = 0;
    const started = performance.now();
    const lane = async (): Promise<void> => {
      while (next < THROUGHPUT_COMMANDS) {
        next += 1;
        await status();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const seconds = (performance.now() - started) / 1000;
    return [
      { name: 'XFS4IoT Common.Status round trip p50', value: Number(percentile(trips, 50).toFixed(2)), unit: 'ms', note: `${STATUS_ROUNDS} in sequence, command → completion, loopback WebSocket` },
      { name: 'XFS4IoT Common.Status round trip p99', value: Number(percentile(trips, 99).toFixed(2)), unit: 'ms' },
      {
        name: 'XFS4IoT messages per second, one connection',
        value: Math.round((THROUGHPUT_COMMANDS * 3) / seconds),
        unit: 'msg/s',
        note: `${THROUGHPUT_COMMANDS} Common.Status, ${IN_FLIGHT} in flight (command, acknowledge, completion each)`,
      },
    ];
  } finally {
    await client.close();
    await rig.close();
  }
}

export default async function atm(): Promise<BenchFigure[]> {
  return [...(await screenFigures()), ...(await wireFigures())];
}
