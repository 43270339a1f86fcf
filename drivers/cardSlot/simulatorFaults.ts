import type { SankyoErrorCode } from './errors';

/**
 * What can go wrong with the simulated card slot, switched on by a test, the
 * lab or the dev dock. A "next" fault happens once and switches itself off.
 */
export class CardSlotFaults {
  /** The next command that moves the card fails with error 10; the card stays where it was. */
  jamNextMotion = false;
  /** The next command is lost (no ACK, not executed). */
  dropNextCommand = false;
  /** The next reply goes out with a damaged byte; a NAK gets the good copy. */
  garbleNextReply = false;
  /** The person snatches the card during the next capture (error 40, card not in the bin). */
  pullDuringCapture = false;
  /** Extra time before every reply. */
  slowMs = 0;
  /** The next track read fails with this code (a worn or dirty stripe). */
  readError: SankyoErrorCode | undefined;

  /** The error the next track read fails with, if one is due. */
  takeReadError(): SankyoErrorCode | undefined {
    const due = this.readError;
    this.readError = undefined;
    return due;
  }

  /** Whether this motion is the one that jams. */
  takeJam(): boolean {
    return this.#take('jamNextMotion');
  }

  /** Whether this command is the one lost on the line. */
  takeDrop(): boolean {
    return this.#take('dropNextCommand');
  }

  /** Whether this capture is the one the card is pulled out during. */
  takePull(): boolean {
    return this.#take('pullDuringCapture');
  }

  /** The reply frame as it goes on the wire: with a bit flipped in its text when asked, so only the CRC tells. */
  damage(frame: Uint8Array, textLength: number): Uint8Array {
    if (!this.#take('garbleNextReply')) return frame;
    const damaged = frame.slice();
    const at = 3 + Math.floor(textLength / 2);
    damaged[at] = (damaged[at] ?? 0) ^ 0x01;
    return damaged;
  }

  #take(fault: 'jamNextMotion' | 'dropNextCommand' | 'garbleNextReply' | 'pullDuringCapture'): boolean {
    const due = this[fault];
    this[fault] = false;
    return due;
  }
}
