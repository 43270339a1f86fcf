import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair } from '../../transport/ptyPair';
import { openSerialTransport } from '../../transport/serial';
import type { ByteTransport } from '../../transport/types';
import { FingerprintReader } from '../driver';
import { FingerprintSimulator } from '../simulator';
import { createPtyRig, type PtyRig } from '../testing/ptyRig';

let rig: PtyRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: the reader is unplugged', () => {
  it('mid-capture: the capture ends with a typed "disconnected" instead of hanging', async () => {
    rig = await createPtyRig();
    const { reader } = rig;
    const unplugging = rig;
    const capture = reader.captureTemplate({
      timeoutMs: 20_000,
      onGuidance: (guidance) => {
        if (guidance === 'waiting') setTimeout(() => void unplugging.unplug(), 50);
      },
    });
    expect(await capture).toEqual({ ok: false, error: { type: 'disconnected' } });
    expect(reader.isConnected).toBe(false);
    // Later commands fail at once rather than waiting for a timeout.
    expect(await reader.templateCount({ timeoutMs: 60_000 })).toEqual({ ok: false, error: { type: 'disconnected' } });
  });

  it('replugged on the same port: a new reader works, past the R503 power-up byte', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'reader-'));
    const simulator = new FingerprintSimulator({ powerUpByte: true });
    const opened: ByteTransport[] = [];
    const plug = async (): Promise<{ close(): Promise<void>; reader: FingerprintReader }> => {
      const pair = await createPtyPair({ directory });
      const host = await openSerialTransport({ path: pair.a, baudRate: 57600, noModemLines: true });
      const device = await openSerialTransport({ path: pair.b, baudRate: 57600, noModemLines: true });
      opened.push(host, device);
      const reader = new FingerprintReader(host);
      simulator.replug(device);
      return { reader, close: () => pair.close() };
    };
    try {
      const first = await plug();
      simulator.enrolDirectly(5, { personId: 'carol', finger: 'leftThumb' });
      await simulator.unplug();
      await first.close();
      expect(await first.reader.templateCount()).toEqual({ ok: false, error: { type: 'disconnected' } });

      const second = await plug();
      // The library survives a power cycle; it lives in flash.
      expect(await second.reader.readIndexTable(0)).toEqual({ ok: true, value: [5] });
      await simulator.unplug();
      await second.close();
    } finally {
      for (const transport of opened) if (transport.isOpen) await transport.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
