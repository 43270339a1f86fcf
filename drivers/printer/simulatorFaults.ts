/**
 * What can go wrong with the simulated printer, switched on by a test, the
 * lab or the dev dock. Conditions (cover open, offline) stay until switched
 * off; "next" faults happen once.
 */
export class PrinterFaults {
  /** The cover is open: offline, nothing prints. */
  coverOpen = false;
  /** Offline for another reason: a cutter jam, a mechanism error, the feed button held. */
  offline: 'cutterError' | 'unrecoverableError' | 'recoverableError' | 'feedButton' | undefined = undefined;
  /** Status answers that lose their fixed bits (a noisy line); a count, or Infinity for every one. */
  garbleStatusAnswers = 0;
  /** The printer answers nothing at all (its firmware hung; the port stays). */
  mute = false;

  /** Whether this status answer is one of the garbled ones. */
  takeGarble(): boolean {
    if (this.garbleStatusAnswers <= 0) return false;
    this.garbleStatusAnswers -= 1;
    return true;
  }
}
