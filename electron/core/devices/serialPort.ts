import { access } from 'node:fs/promises';
import { err, ok, type Result } from '../../../common/result';
import { openSerialTransport } from '../../../drivers/transport/serial';
import type { ByteTransport, SerialSettings } from '../../../drivers/transport/types';
import type { OpenFailure } from './connection';

/** How a serial port is opened; tests and the CLI may pass another. */
export type OpenSerial = (settings: SerialSettings) => Promise<ByteTransport>;

/** A missing node is an unplugged adapter, not a broken one: the two get different statuses. */
export async function openSerialLink(settings: SerialSettings, open: OpenSerial = openSerialTransport): Promise<Result<ByteTransport, OpenFailure>> {
  try {
    await access(settings.path);
  } catch {
    return err('portMissing');
  }
  try {
    return ok(await open(settings));
  } catch {
    return err('openFailed');
  }
}
