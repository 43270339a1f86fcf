import { afterEach, expect, it } from 'vitest';
import { ACK_BYTES } from '../codec';
import { CardSlot } from '../driver';
import { CardSlotSimulator } from '../simulator';
import { STALL_PHASES, openStallingLine, type StallingLine } from '../../transport/testing/stallingDevice';

/**
 * Fault: the kiosk's process stalls (a loaded machine, a long garbage collection) while the card reader works on a
 * command: the reader acknowledges, sends its reply in time, then nothing in the process runs for longer than the
 * reply timeout. When it runs again the expired wait and the waiting reply are due together; the reply must win, or
 * a reader that answered is reported as timed out. The stall begins in a timer callback or after the poll for I/O:
 * a single turn of the loop does not bring the reply in after the latter.
 */

const REPLY_TIMEOUT_MS = 200;

let line: StallingLine | undefined;
let slot: CardSlot | undefined;
let simulator: CardSlotSimulator | undefined;
afterEach(async () => {
  slot?.dispose();
  await simulator?.close();
  await line?.close();
  line = undefined;
  simulator = undefined;
  slot = undefined;
});

it.each(STALL_PHASES)('a reply written before a stall begun in the %s phase is taken after it, not reported as a timeout', async (startsIn) => {
  const settings = { baudRate: 38400, parity: 'even', dataBits: 8, stopBits: 1, noModemLines: true } as const;
  // The reply (not the bare ACK before it) is held so it comes 50 ms into a 200 ms wait; the process then stalls for 400 ms.
  line = await openStallingLine(settings, { isAnswer: (bytes) => bytes[0] !== ACK_BYTES[0], delayMs: 50, stallMs: 2 * REPLY_TIMEOUT_MS, startsIn });
  const { host: hostPort, device } = line;
  simulator = new CardSlotSimulator(device.transport, { baudRate: 38400 });
  slot = new CardSlot(hostPort, { replyTimeoutMs: REPLY_TIMEOUT_MS });
  expect(await slot.initialize('cardToGate')).toEqual({ ok: true, value: 'noCard' });

  // The reader acknowledges at once and replies after it worked: the driver is waiting for the reply.
  simulator.setSlow(10);
  device.arm();
  const status = await slot.status();
  expect(device.stalls).toBe(1);
  expect(status).toEqual({ ok: true, value: 'noCard' });
});
