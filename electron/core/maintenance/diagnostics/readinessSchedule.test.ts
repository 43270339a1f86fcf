import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../sync/testing/manualClock';
import { ReadinessSchedule } from './readinessSchedule';
import { diagnosticsRig } from './testing/diagnosticsRig';

/** The scheduled readiness report on a manual clock: never while the kiosk is busy, never two at once, re-armed by new settings. */

const HOUR = 60 * 60_000;

function rig() {
  const clock = new ManualClock();
  const state = { busy: false, runs: [] as { print: boolean; at: number }[], finish: [] as (() => void)[] };
  const schedule = new ReadinessSchedule(clock, {
    run: (print) => {
      state.runs.push({ print, at: clock.now() });
      return new Promise<void>((resolve) => state.finish.push(resolve));
    },
    busy: () => state.busy,
    log: pino({ level: 'silent' }),
  });
  const finishAll = async () => {
    for (const f of state.finish.splice(0)) f();
    await schedule.settled();
  };
  return { clock, state, schedule, finishAll };
}

describe('the readiness schedule', () => {
  it('runs every period, printing as configured', async () => {
    const { clock, state, schedule, finishAll } = rig();
    const start = clock.now();
    schedule.configure(60, true);
    await clock.advance(HOUR - 1);
    expect(state.runs).toEqual([]);
    await clock.advance(1);
    expect(state.runs).toEqual([{ print: true, at: start + HOUR }]);
    await finishAll();
    await clock.advance(HOUR);
    expect(state.runs.map((r) => r.at - start)).toEqual([HOUR, 2 * HOUR]);
  });

  it('due during a customer session or maintenance: nothing runs or prints until the kiosk is idle, then once', async () => {
    const { clock, state, schedule } = rig();
    schedule.configure(60, true);
    state.busy = true;
    await clock.advance(3 * HOUR);
    expect(state.runs, 'three ticks while busy: none ran').toEqual([]);
    expect(schedule.waiting).toBe(true);
    schedule.idle();
    expect(state.runs, 'still busy: idle() is only a hint').toEqual([]);
    state.busy = false;
    schedule.idle();
    schedule.idle();
    expect(state.runs).toHaveLength(1);
    expect(schedule.waiting).toBe(false);
  });

  it('never overlaps: a tick while a report is still running is dropped', async () => {
    const { clock, state, schedule, finishAll } = rig();
    schedule.configure(1, false);
    await clock.advance(60_000);
    expect(state.runs).toHaveLength(1);
    await clock.advance(5 * 60_000);
    schedule.idle();
    expect(state.runs, 'the first report has not finished').toHaveLength(1);
    await finishAll();
    await clock.advance(60_000);
    expect(state.runs).toHaveLength(2);
  });

  it('new settings re-arm it; the same settings keep the rhythm; null stops it', async () => {
    const { clock, state, schedule, finishAll } = rig();
    const start = clock.now();
    schedule.configure(60, false);
    await clock.advance(50 * 60_000);
    schedule.configure(60, false);
    await clock.advance(10 * 60_000);
    expect(state.runs.map((r) => r.at - start), 'unchanged settings: still due at the hour').toEqual([HOUR]);
    await finishAll();
    schedule.configure(15, true);
    await clock.advance(15 * 60_000);
    expect(state.runs.at(-1)).toEqual({ print: true, at: start + HOUR + 15 * 60_000 });
    await finishAll();
    schedule.configure(null, false);
    await clock.advance(10 * HOUR);
    expect(state.runs).toHaveLength(2);
  });
});

it('the service: a scheduled report waits out a busy kiosk and then is saved once, as the kiosk’s', async () => {
  const diag = await diagnosticsRig({ devices: null });
  try {
    const clock = new ManualClock();
    let busy = true;
    diag.service.scheduleReadiness(clock, 30, false, () => busy);
    await clock.advance(30 * 60_000);
    expect(diag.service.lastReadiness()).toBeNull();
    busy = false;
    diag.service.kioskIdle();
    await expect.poll(() => diag.service.lastReadiness()?.trigger).toBe('schedule');
    expect((await diag.sent()).filter((p) => p.type === 'readiness.report')).toHaveLength(1);
  } finally {
    diag.service.stop();
    await diag.dispose();
  }
});
