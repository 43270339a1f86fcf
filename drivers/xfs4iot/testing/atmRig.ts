import { createHash } from 'node:crypto';
import { AtmDevices, type AtmDevicesOptions } from '../atm';
import { XfsClient, type XfsClientOptions } from '../client';
import { parseMessage } from '../messages';
import { type FrameRecord, type SimulatedAtm, type SimulatedAtmOptions, startSimulatedAtm } from '../simulator';
import { DEFAULT_PIN_KEYS, type PinBlockFormat } from '../pinKeys';

/**
 * A simulated ATM on a free loopback port with the kiosk's client (or the
 * device facade) connected to it over real WebSockets. Every frame is kept,
 * so a spec can wait for a message instead of sleeping, and can read what
 * crossed the wire.
 */

/**
 * A stand-in for the EPP's cipher (drivers/pinBlock's ISO 9564 is the real
 * one): deterministic, the right block size, and reading the PAN as each
 * format does (format 0: the 12 digits left of the check digit; format 4: all).
 */
export const testEncipherPin = (pin: string, pan: string, format: PinBlockFormat, keyName: string = DEFAULT_PIN_KEYS[format]): string => {
  const panField = format === 'iso0' ? pan.slice(-13, -1) : pan;
  // The bank's keys give the blocks specs have always expected; any other key another block.
  const key = keyName === DEFAULT_PIN_KEYS[format] ? '' : `${keyName}|`;
  return createHash('sha256').update(`${key}${format}|${panField}|${pin}`).digest('hex').slice(0, format === 'iso4' ? 32 : 16).toUpperCase();
};

/** Quick reconnects, short guards: the rig's specs wait for events, never for these. */
export const RIG_TIMINGS = { connectTimeoutMs: 1_000, defaultGuardMs: 5_000, completionGraceMs: 500 } as const;

export interface FrameLog {
  readonly frames: FrameRecord[];
  /** Resolves with the first frame (already seen or still to come) whose message name is `name` and that passes `where`. */
  next(name: string, where?: (frame: FrameRecord) => boolean): Promise<FrameRecord>;
  /** Like `next`, counting only frames recorded from now on. */
  upcoming(name: string, where?: (frame: FrameRecord) => boolean): Promise<FrameRecord>;
}

function frameLog(): FrameLog & { record(frame: FrameRecord): void } {
  const frames: FrameRecord[] = [];
  const waiting = new Set<{ matches(frame: FrameRecord): boolean; resolve(frame: FrameRecord): void }>();
  const nameOf = (frame: FrameRecord): string | undefined => {
    const parsed = parseMessage(frame.text);
    return parsed.ok ? parsed.value.header.name : undefined;
  };
  return {
    frames,
    record(frame) {
      frames.push(frame);
      for (const waiter of [...waiting]) {
        if (waiter.matches(frame)) {
          waiting.delete(waiter);
          waiter.resolve(frame);
        }
      }
    },
    next(name, where = () => true) {
      const matches = (frame: FrameRecord): boolean => nameOf(frame) === name && where(frame);
      const seen = frames.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiting.add({ matches, resolve }));
    },
    upcoming(name, where = () => true) {
      const matches = (frame: FrameRecord): boolean => nameOf(frame) === name && where(frame);
      return new Promise((resolve) => waiting.add({ matches, resolve }));
    },
  };
}

interface RigOptions {
  readonly simulator?: Partial<SimulatedAtmOptions>;
  readonly client?: Partial<XfsClientOptions>;
}

export interface AtmRig {
  readonly atm: SimulatedAtm;
  readonly wire: FrameLog;
  /** Client options that find this simulator (its port only). */
  readonly clientOptions: XfsClientOptions;
  close(): Promise<void>;
}

export async function openAtm(options: RigOptions = {}): Promise<AtmRig> {
  const wire = frameLog();
  const atm = await startSimulatedAtm({ encipherPin: testEncipherPin, port: 0, onFrame: (frame) => wire.record(frame), ...options.simulator });
  const clientOptions: XfsClientOptions = {
    host: '127.0.0.1',
    ports: [atm.port],
    timings: RIG_TIMINGS,
    reconnect: { baseMs: 20, capMs: 200, jitter: 'none' },
    ...options.client,
  };
  return { atm, wire, clientOptions, close: () => atm.close() };
}

export async function connectClient(rig: AtmRig): Promise<XfsClient> {
  const client = await XfsClient.connect(rig.clientOptions);
  if (!client.ok) throw new Error(`the rig's client did not connect: ${JSON.stringify(client.error)}`);
  return client.value;
}

export async function connectDevices(rig: AtmRig, options: AtmDevicesOptions = {}): Promise<AtmDevices> {
  return new AtmDevices(await connectClient(rig), options);
}
