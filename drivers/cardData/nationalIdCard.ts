import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import { readBinary, selectByAid, selectFile, transceive, type ApduTransmit, type ResponseApdu, type TransceiveError } from './apdu';

/** Reads the identity file of the (simulated) national ID / iqama chip. Layout: ID_CARD.md. */

/** Proprietary, unregistered AID (ISO/IEC 7816-5: first nibble F): "\xF0KIOSKID". */
const DEFAULT_ID_CARD_AID = Uint8Array.of(0xf0, 0x4b, 0x49, 0x4f, 0x53, 0x4b, 0x49, 0x44);
const DEFAULT_IDENTITY_FILE_ID = 0x0101;

export interface IdCardConfig {
  readonly aid: Uint8Array;
  readonly identityFileId: number;
}

export const DEFAULT_ID_CARD_CONFIG: IdCardConfig = { aid: DEFAULT_ID_CARD_AID, identityFileId: DEFAULT_IDENTITY_FILE_ID };

/** Configuration carries the AID and file id as hex; this is its boundary. */
export const idCardConfigSchema = z
  .object({
    aid: z.string().regex(/^(?:[0-9A-Fa-f]{2}){5,16}$/, 'AID must be 5..16 bytes of hex'),
    identityFileId: z.string().regex(/^[0-9A-Fa-f]{4}$/, 'file id must be 2 bytes of hex'),
  })
  .transform(
    (raw): IdCardConfig => ({
      aid: Uint8Array.from(raw.aid.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16)),
      identityFileId: Number.parseInt(raw.identityFileId, 16),
    }),
  );

import { declaredSize, decodeIdentityFile, type IdentityFile, type IdentityFileError } from '../../common/identityFile';

export { decodeIdentityFile, type DocumentType, encodeIdentityFile, type IdentityFile } from '../../common/identityFile';

type NationalIdReadError<E> =
  /** The chip does not carry our application: not an ID card (or not one we know). */
  | { readonly type: 'applicationNotFound'; readonly sw: number }
  | { readonly type: 'fileNotFound'; readonly sw: number }
  | { readonly type: 'readFailed'; readonly sw: number }
  | { readonly type: 'badFile'; readonly error: IdentityFileError }
  | { readonly type: 'exchange'; readonly error: TransceiveError<E> }
  | { readonly type: 'config'; readonly reason: string };

const MAX_FILE = 0x7fff;

/** SELECT AID → SELECT EF → READ BINARY until the outer TLV is complete → decode. */
export async function readNationalId<E>(
  transmit: ApduTransmit<E>,
  config: IdCardConfig = DEFAULT_ID_CARD_CONFIG,
): Promise<Result<IdentityFile, NationalIdReadError<E>>> {
  const selectApp = selectByAid(config.aid);
  if (!selectApp.ok) return err({ type: 'config', reason: `AID: ${selectApp.error.type}` });
  const selectEf = selectFile(config.identityFileId);
  if (!selectEf.ok) return err({ type: 'config', reason: `file id: ${selectEf.error.type}` });

  const app = await transceive(transmit, selectApp.value);
  if (!app.ok) return err({ type: 'exchange', error: app.error });
  if (app.value.status.kind !== 'ok') return err({ type: 'applicationNotFound', sw: app.value.sw });
  const ef = await transceive(transmit, selectEf.value);
  if (!ef.ok) return err({ type: 'exchange', error: ef.error });
  if (ef.value.status.kind !== 'ok') return err({ type: 'fileNotFound', sw: ef.value.sw });

  let content = new Uint8Array(0);
  for (;;) {
    const read = readBinary(content.length, 256);
    if (!read.ok) return err({ type: 'badFile', error: { type: 'badLength' } });
    const answer: Result<ResponseApdu, TransceiveError<E>> = await transceive(transmit, read.value);
    if (!answer.ok) return err({ type: 'exchange', error: answer.error });
    const { status, data } = answer.value;
    if (status.kind !== 'ok' && status.kind !== 'endOfFile') return err({ type: 'readFailed', sw: answer.value.sw });
    const joined = new Uint8Array(content.length + data.length);
    joined.set(content);
    joined.set(data, content.length);
    content = joined;
    const size = declaredSize(content);
    const complete = size !== undefined && content.length >= size;
    if (complete || status.kind === 'endOfFile' || data.length === 0 || content.length >= MAX_FILE) break;
  }
  const identity = decodeIdentityFile(content);
  if (!identity.ok) return err({ type: 'badFile', error: identity.error });
  return ok(identity.value);
}
