/**
 * The floor for a device exchange over a paced pty: the same number of bytes written through the same PacedLine
 * over a pty pair, with no protocol and no turn-arounds, measured beside each exchange. It holds the line time and
 * what the machine's load adds to pacing (late timer ticks, pty hand-over), so the exchange's ratio to it is what
 * the driver and simulator add in this weather; line time alone is printed beside it.
 */
import { writePaced, type LineSettings } from '../../../drivers/transport/pacing';
import { createPtyPair } from '../../../drivers/transport/ptyPair';
import { openSerialTransport } from '../../../drivers/transport/serial';

/** One side's turn in an exchange: who wrote, and how many bytes, before the other answered. */
export interface Turn {
  side: 'host' | 'device';
  bytes: number;
}

export interface PacedFloor {
  /** Milliseconds to move `bytes` through a paced line to the other end. */
  measure(bytes: number): Promise<number>;
  /**
   * Milliseconds to replay an exchange's turns with no protocol: each side writes its turn's bytes through a paced
   * line once it has all of the other side's previous turn. The same turn-arounds as the real exchange, each as
   * late as this weather makes it.
   */
  replay(turns: readonly Turn[]): Promise<number>;
  close(): Promise<void>;
}

export async function openPacedFloor(line: LineSettings): Promise<PacedFloor> {
  const pair = await createPtyPair();
  const writer = await openSerialTransport({ path: pair.a, baudRate: line.baudRate, noModemLines: true });
  const reader = await openSerialTransport({ path: pair.b, baudRate: line.baudRate, noModemLines: true });
  let received = 0;
  let waiting: { bytes: number; resolve(): void } | undefined;
  reader.onData((chunk) => {
    received += chunk.length;
    if (waiting && received >= waiting.bytes) {
      waiting.resolve();
      waiting = undefined;
    }
  });
  let back = 0;
  let waitingBack: { bytes: number; resolve(): void } | undefined;
  writer.onData((chunk) => {
    back += chunk.length;
    if (waitingBack && back >= waitingBack.bytes) {
      waitingBack.resolve();
      waitingBack = undefined;
    }
  });
  return {
    async measure(bytes) {
      received = 0;
      const started = performance.now();
      const arrived = new Promise<void>((resolve) => {
        waiting = { bytes, resolve };
      });
      await writePaced(writer, new Uint8Array(bytes).fill(0x55), line);
      await arrived;
      return performance.now() - started;
    },
    async replay(turns) {
      const started = performance.now();
      for (const turn of turns) {
        if (turn.side === 'host') {
          received = 0;
          const arrived = new Promise<void>((resolve) => {
            waiting = { bytes: turn.bytes, resolve };
          });
          await writePaced(writer, new Uint8Array(turn.bytes).fill(0x55), line);
          await arrived;
        } else {
          back = 0;
          const arrived = new Promise<void>((resolve) => {
            waitingBack = { bytes: turn.bytes, resolve };
          });
          await writePaced(reader, new Uint8Array(turn.bytes).fill(0x55), line);
          await arrived;
        }
      }
      return performance.now() - started;
    },
    async close() {
      await writer.close();
      await reader.close();
      await pair.close();
    },
  };
}
