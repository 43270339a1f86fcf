import type { PtyPair } from '../ptyPair';
import { openSerialTransport } from '../serial';
import type { ByteTransport, SerialSettings } from '../types';

/** The bytes a rig's line carried, counted at the host's end. */
export interface LineCount {
  /** Host to device. */
  sent: number;
  /** Device to host. */
  received: number;
}

/** The host's end of the line, counting every byte written and read through it into `line`. */
export function countingTransport(transport: ByteTransport, line: LineCount): ByteTransport {
  return {
    get isOpen() {
      return transport.isOpen;
    },
    write(data) {
      line.sent += data.length;
      return transport.write(data);
    },
    onData(listener) {
      return transport.onData((chunk) => {
        line.received += chunk.length;
        listener(chunk);
      });
    },
    onClose: (listener) => transport.onClose(listener),
    close: () => transport.close(),
  };
}

/**
 * Both ends of a pty pair opened with the device's line settings, host (`a`)
 * then device (`b`), before anyone speaks: a pty drops bytes nobody has open.
 */
export async function openPtyEnds(pair: PtyPair, settings: Omit<SerialSettings, 'path'>): Promise<[host: ByteTransport, device: ByteTransport]> {
  const host = await openSerialTransport({ ...settings, path: pair.a });
  const device = await openSerialTransport({ ...settings, path: pair.b });
  return [host, device];
}
