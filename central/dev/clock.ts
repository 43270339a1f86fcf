import type { DomainClock } from '../clock';

export interface DevClockState {
  readonly now: string;
  readonly offsetMs: number;
}

/** What `GET`/`POST /dev/clock` answer: central's domain time and how far it has been moved. */
export function clockState(clock: DomainClock): DevClockState {
  return { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs };
}
