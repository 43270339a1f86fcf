/**
 * What can go wrong with the simulated module, switched on by a test or the
 * lab. A "next" fault happens once and switches itself off.
 */
export class SimulatorFaults {
  /** The next reply frame arrives with a corrupted byte (its checksum fails). */
  garbleNextReply = false;
  /** Only the first half of the next reply frame is sent. */
  truncateNextReply = false;
  /** Extra delay before every reply. */
  latencyMs = 0;
  /** The next capture fails (cc 03) because the finger leaves the glass during it. */
  liftFingerMidCapture = false;
  /** False: a hung module that reads frames and answers none. */
  responding = true;

  /** The frame as it goes on the wire, damaged as asked. */
  damage(frame: Uint8Array): Uint8Array {
    let sent = frame;
    if (this.garbleNextReply) {
      this.garbleNextReply = false;
      const at = sent.length - 3; // last content byte: the checksum no longer adds up
      sent[at] = (sent[at] ?? 0) ^ 0x5a;
    }
    if (this.truncateNextReply) {
      this.truncateNextReply = false;
      sent = sent.subarray(0, Math.floor(sent.length / 2));
    }
    return sent;
  }

  /** Whether this capture is the one the finger leaves during. */
  takeLiftMidCapture(): boolean {
    const lifts = this.liftFingerMidCapture;
    this.liftFingerMidCapture = false;
    return lifts;
  }
}
