import type { FaultSetting } from '../contract/dev';

export type FaultDecision = 'pass' | 'down' | 'flaky5xx' | 'dropAfterCommit';

/** The demo/test fault switch: what happens to the next /v1 request. */
export class FaultSwitch {
  private setting: FaultSetting = { mode: 'none' };

  constructor(private readonly random: () => number = Math.random) {}

  set(setting: FaultSetting): FaultSetting {
    this.setting = { ...setting };
    return this.current();
  }

  current(): FaultSetting {
    return { ...this.setting };
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
