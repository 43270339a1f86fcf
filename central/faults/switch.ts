import type { FaultSetting } from '../../common/wire/dev';

type FaultDecision = 'pass' | 'down' | 'flaky5xx' | 'dropAfterCommit' | 'rateLimited';

/** The demo/test fault switch: what happens to the next /v1 request. */
export class FaultSwitch {
  private setting: FaultSetting = { mode: 'none' };
  /** Each request `slow` holds now: how to let it go, and its route (a pattern such as `/v1/citizens/sign-in`, never data). */
  private readonly held = new Map<() => void, string>();

  constructor(private readonly random: () => number = Math.random) {}

  /** A new setting applies to the next request, and lets every request still held by `slow` go on at once under it. */
  set(setting: FaultSetting): FaultSetting {
    this.setting = { ...setting };
    for (const release of [...this.held.keys()]) release();
    return this.current();
  }

  /**
   * Holds a request for `slow` mode's delay, or until the setting changes (a
   * demo operator or a spec puts central back to normal, or takes it down),
   * whichever comes first; resolves at once in any other mode.
   */
  hold(route = ''): Promise<void> {
    const ms = this.delayMs();
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.held.set(release, route);
    });
  }

  current(): FaultSetting {
    return { ...this.setting };
  }

  /** The routes of the requests `slow` is holding now, oldest first (demo: a spec waits until its call is held). */
  heldRoutes(): string[] {
    return [...this.held.values()];
  }

  /** Milliseconds to hold the request before handling it. */
  delayMs(): number {
    return this.setting.mode === 'slow' ? (this.setting.delayMs ?? 2000) : 0;
  }

  decide(): FaultDecision {
    const { mode } = this.setting;
    if (mode === 'none' || mode === 'slow') return 'pass';
    const rate = this.setting.rate ?? 1;
    return this.random() < rate ? mode : 'pass';
  }
}
