import { FingerprintReader } from '../../../drivers/fingerprint/driver';
import { FingerprintSimulator } from '../../../drivers/fingerprint/simulator';
import { lineTimeMs } from '../../../drivers/transport/pacing';
import { createPtyPair } from '../../../drivers/transport/ptyPair';
import { openSerialTransport } from '../../../drivers/transport/serial';
import type { ByteTransport } from '../../../drivers/transport/types';
import type { Turn } from './pacedFloor';

/** Counts bytes each way, and the turns they came in, so a floor is computed from what really crossed the line. */
export function counting(inner: ByteTransport): ByteTransport & { sent: number; received: number; turns: Turn[] } {
  const turn = (side: Turn['side'], bytes: number) => {
    const last = counted.turns[counted.turns.length - 1];
    if (last?.side === side) last.bytes += bytes;
    else counted.turns.push({ side, bytes });
  };
  const counted = {
    sent: 0,
    received: 0,
    turns: [] as Turn[],
    get isOpen() {
      return inner.isOpen;
    },
    write: (data: Uint8Array) => {
      counted.sent += data.length;
      turn('host', data.length);
      return inner.write(data);
    },
    onData: (listener: (chunk: Uint8Array) => void) =>
      inner.onData((chunk) => {
        counted.received += chunk.length;
        turn('device', chunk.length);
        listener(chunk);
      }),
    onClose: (listener: (error?: Error) => void) => inner.onClose(listener),
    close: () => inner.close(),
  };
  return counted;
}

/** The line time of one capture-to-template (bytes both ways × 10 / baud), by the same driver and simulator over a pty. */
export async function captureLineTimeMs(baudRate: number): Promise<{ ms: number; bytes: number }> {
  const pair = await createPtyPair();
  const host = counting(await openSerialTransport({ path: pair.a, baudRate, noModemLines: true }));
  const device = await openSerialTransport({ path: pair.b, baudRate, noModemLines: true });
  const simulator = new FingerprintSimulator({ baudRate });
  simulator.attach(device);
  const reader = new FingerprintReader(host, { baudRate });
  try {
    const captured = await reader.captureTemplate({
      timeoutMs: 10_000,
      onGuidance: (g) => {
        if (g === 'waiting') simulator.placeFinger({ personId: 'bench', finger: 'rightIndex' });
      },
    });
    if (!captured.ok) throw new Error(`capture failed: ${captured.error.type}`);
    const bytes = host.sent + host.received;
    return { ms: lineTimeMs(bytes, { baudRate, bitsPerChar: 10 }), bytes };
  } finally {
    reader.dispose();
    await simulator.unplug();
    await host.close();
    await pair.close();
  }
}
