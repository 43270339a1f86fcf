import { createMemoryChannelPair, KioskError } from '../../contract';
import type { AtmJourneyView, AtmKeyPress, AtmNavigationKey, KioskSnapshot } from '../../contract';
import { createFakeHost } from '../../host/fakeHost';
import type { KioskHost } from '../../host';
import { FakeCore } from '../../../test/fakeCore';

/**
 * The renderer's fake core in ATM mode: the snapshot says `mode: 'atm'`,
 * carries the ATM journey a spec draws (`showAtm`) and the keys pressed
 * beside the screen (`press`). Journey events are recorded, and a spec may
 * script what they do (`atmStep`).
 */
class FakeAtmCore extends FakeCore {
  atmJourney: AtmJourneyView | null = null;
  atmKey: AtmKeyPress | null = null;
  printer: 'online' | 'offline' = 'online';
  atmStep: (view: AtmJourneyView) => AtmJourneyView = (view) => view;

  constructor() {
    super();
    const government = this.api.journeyEvent;
    // The ATM journey takes the renderer's events here; the government one is not running.
    this.api.journeyEvent = async (input) => {
      if (!this.atmJourney) return government(input);
      this.calls.push({ procedure: 'journeyEvent', input });
      if (!this.atmJourney.accepts.includes(input.type)) throw new KioskError('not_allowed', `${input.type} is not accepted at ${this.atmJourney.step}`);
      this.atmJourney = this.atmStep(this.atmJourney);
      this.push();
      return this.snapshot();
    };
  }

  override snapshot(): KioskSnapshot {
    const base = super.snapshot();
    return {
      ...base,
      mode: 'atm',
      devices: { fingerprint: 'noDevice', cardSlot: 'online', printer: this.printer, pinPad: 'online' },
      atmJourney: this.session ? this.atmJourney : null,
      atmKey: this.atmKey,
    };
  }

  /** A card went in: the session begins (if none) and the journey shows this step. */
  showAtm(view: Partial<AtmJourneyView> & Pick<AtmJourneyView, 'step'>): void {
    if (!this.session) void this.api.startSession({ trigger: 'touch' });
    this.atmJourney = { service: 'atm', data: {}, busy: false, error: null, canGoBack: false, accepts: [], finished: false, ...view };
    this.push();
  }

  /** A key beside the screen (or Enter, Cancel, Clear) pressed. */
  press(key: AtmNavigationKey): void {
    this.atmKey = { seq: (this.atmKey?.seq ?? 0) + 1, key };
    this.push();
  }

  override end(reason?: Parameters<FakeCore['end']>[0]): void {
    this.atmJourney = null;
    super.end(reason);
  }
}

export function createFakeAtm(): { core: FakeAtmCore; host: KioskHost } {
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const core = new FakeAtmCore();
  core.connect(coreEnd);
  return { core, host: createFakeHost(rendererEnd) };
}
