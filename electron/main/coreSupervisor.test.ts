import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeUtilityProcess, fakeUtilityProcess, resetElectronFake } = await import('./testing/fakeElectron');
const { superviseCore } = await import('./coreSupervisor');
const { recordingLog } = await import('./testing/recordingLog');

const entry = '/opt/kiosk/out/core/utility.js';

function supervised() {
  return superviseCore({ entry, log: recordingLog(), restartBackoff: { baseMs: 500, capMs: 4_000, jitter: 'none' }, stableAfterMs: 60_000 });
}

function latest() {
  const child = FakeUtilityProcess.forked.at(-1);
  if (!child) throw new Error('no core forked');
  return child;
}

describe('the core supervisor', () => {
  beforeEach(() => {
    resetElectronFake();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('forks the core bundle as a utility process named kiosk-core with piped stdio', () => {
    supervised().start();
    expect(fakeUtilityProcess.fork).toHaveBeenCalledWith(entry, [], { serviceName: 'kiosk-core', stdio: 'pipe' });
  });

  it('reports the core running only once it has spawned', () => {
    const core = supervised();
    core.start();
    expect(core.running()).toBeNull();
    latest().spawned();
    expect(core.running()).toBe(latest());
  });

  it('restarts the core after it exits, once the backoff has passed', () => {
    supervised().start();
    latest().spawned();
    latest().exited(1);
    vi.advanceTimersByTime(499);
    expect(FakeUtilityProcess.forked).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeUtilityProcess.forked).toHaveLength(2);
  });

  it('grows the backoff with each exit and caps it', () => {
    supervised().start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      latest().spawned();
      latest().exited(1);
      const before = FakeUtilityProcess.forked.length;
      let waited = 0;
      while (FakeUtilityProcess.forked.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('starts the backoff again after the core has stayed up', () => {
    supervised().start();
    latest().spawned();
    latest().exited(1);
    vi.advanceTimersByTime(500);
    latest().spawned();
    latest().exited(1);
    vi.advanceTimersByTime(1_000);
    latest().spawned();
    vi.advanceTimersByTime(60_000);
    latest().exited(1);
    vi.advanceTimersByTime(500);
    expect(FakeUtilityProcess.forked).toHaveLength(4);
  });

  it('tells listeners each time a core comes up, including after a restart', () => {
    const core = supervised();
    const ready = vi.fn();
    core.onReady(ready);
    core.start();
    latest().spawned();
    latest().exited(1);
    vi.advanceTimersByTime(500);
    latest().spawned();
    expect(ready).toHaveBeenCalledTimes(2);
    expect(ready).toHaveBeenLastCalledWith(latest());
  });

  it('is not running between an exit and the restart', () => {
    const core = supervised();
    core.start();
    latest().spawned();
    latest().exited(1);
    expect(core.running()).toBeNull();
  });

  it('kills the core and stops restarting when stopped', async () => {
    const core = supervised();
    core.start();
    const child = latest();
    child.spawned();
    core.stop();
    expect(child.kill).toHaveBeenCalled();
    await Promise.resolve();
    vi.advanceTimersByTime(60_000);
    expect(FakeUtilityProcess.forked).toHaveLength(1);
  });

  it('retries with backoff when the fork itself throws', () => {
    fakeUtilityProcess.fork.mockImplementationOnce(() => {
      throw new Error('no such file');
    });
    supervised().start();
    expect(FakeUtilityProcess.forked).toHaveLength(0);
    vi.advanceTimersByTime(500);
    expect(FakeUtilityProcess.forked).toHaveLength(1);
  });
});
