import { err, ok, type Result } from '../../../common/result';
import { parseTrack2 } from '../../cardData/tracks';
import type { CompletionPayload } from '../messages';
import type { AtmDeviceError } from './errors';

/**
 * What the kiosk takes from a bank card read by the ATM: the PAN and expiry
 * from track 2 (ISO 7813, DEVICES.md §4), and whether it has a chip. The
 * PAN is the card holder's data: it goes to the EPP and the bank, never to a log.
 */

export interface BankCardData {
  readonly pan: string;
  /** YYMM as on the stripe. */
  readonly expiry: string;
  readonly serviceCode: string;
  readonly hasChip: boolean;
}

export function bankCardData(read: CompletionPayload<'CardReader.ReadRawData'>): Result<BankCardData, AtmDeviceError> {
  const data = read.track2?.data;
  if (data === undefined) return err({ type: 'unreadableCard', reason: `no track 2 (${read.track2?.status ?? 'not read'})` });
  const track2 = parseTrack2(Buffer.from(data, 'base64').toString('latin1'));
  if (!track2.ok) return err({ type: 'unreadableCard', reason: `track 2: ${track2.error.type}` });
  const hasChip = (read.chip ?? []).some((chip) => chip.data !== undefined);
  return ok({ pan: track2.value.pan, expiry: track2.value.expiry, serviceCode: track2.value.serviceCode, hasChip });
}
