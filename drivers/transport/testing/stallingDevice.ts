import { sleep } from '../../../common/time';
import { createPtyPair } from '../ptyPair';
import type { ByteTransport, SerialSettings } from '../types';
import { openPtyEnds } from './ptyLine';

/** Holds the whole process (every timer, every read) for `ms`, as a machine with no CPU to spare does. */
function stallProcess(ms: number): void {
  // Atomics.wait blocks the thread without spinning, so the stall takes no core from the other work on the machine.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface StallOptions {
  /** Which of the device's writes is the answer to hold the process on. */
  readonly isAnswer: (bytes: Uint8Array) => boolean;
  /** The answer waits this long first, so the driver is already sleeping on its deadline. */
  readonly delayMs: number;
  /** Then, with the answer handed to the OS, the process stalls this long: past the driver's deadline. */
  readonly stallMs: number;
  /**
   * Where in Node's loop the stall begins: in a timer callback (the loop then polls for I/O before it runs timers
   * again), or after the poll for I/O (`check`, as a setImmediate: the next timers run before the next poll).
   */
  readonly startsIn: 'timer' | 'check';
}

/** Where a stall may begin, for specs that try each. */
export const STALL_PHASES = ['timer', 'check'] as const;

interface StallingDevice {
  /** The device's end of the line, to give the simulator. */
  readonly transport: ByteTransport;
  /** The next answer (`isAnswer`) stalls the process once it is on the line. */
  arm(): void;
  /** Stalls done so far. */
  readonly stalls: number;
}

/**
 * The device's end of a line on which the process stalls at the worst moment: the driver has asked, armed its timer
 * and is waiting; the answer is being written when the process stops, for longer than the driver's timeout, and
 * reaches the host's end meanwhile. When it runs again the expired timer and the readable answer are due together.
 */
function stallingDevice(device: ByteTransport, options: StallOptions): StallingDevice {
  let armed = false;
  let stalls = 0;
  const transport: ByteTransport = {
    get isOpen() {
      return device.isOpen;
    },
    async write(bytes) {
      if (!armed || !options.isAnswer(bytes)) return device.write(bytes);
      armed = false;
      await sleep(options.delayMs);
      if (options.startsIn === 'check') await new Promise((resolve) => setImmediate(resolve));
      // The write is handed to libuv's thread pool at once and done there while this thread stands still: the
      // answer reaches the kernel (and the host's end of the line) during the stall, and nothing has read it when
      // the process runs again. (Stalling after the write resolved would let the host read the answer first.)
      const written = device.write(bytes);
      stallProcess(options.stallMs);
      stalls++;
      await written;
    },
    onData: (listener) => device.onData(listener),
    onClose: (listener) => device.onClose(listener),
    close: () => device.close(),
  };
  return {
    transport,
    arm() {
      armed = true;
    },
    get stalls() {
      return stalls;
    },
  };
}

export interface StallingLine {
  /** The host's end, for the driver under test. */
  readonly host: ByteTransport;
  /** The device's end, stalling the process when armed: give `device.transport` to the simulator. */
  readonly device: StallingDevice;
  /** Closes both ends and the pty pair. */
  close(): Promise<void>;
}

/** A pty pair opened with `settings` whose device end is a stallingDevice: the rig every stalled-process fault spec uses. */
export async function openStallingLine(settings: Omit<SerialSettings, 'path'>, options: StallOptions): Promise<StallingLine> {
  const pair = await createPtyPair();
  const [host, deviceEnd] = await openPtyEnds(pair, settings);
  return {
    host,
    device: stallingDevice(deviceEnd, options),
    async close() {
      await host.close();
      await pair.close();
    },
  };
}
