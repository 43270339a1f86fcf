import { err, ok, type Result } from './result';

/**
 * The identity file (EF) of the national ID card and the iqama, as
 * drivers/cardData/ID_CARD.md lays it out: one outer TLV (tag 70) holding the
 * document type, ID number and expiry. The kiosk reads it from the chip; central
 * decodes the same bytes to check them, so the codec lives here.
 */

const IDENTITY_TAGS = { file: 0x70, documentType: 0x80, idNumber: 0x81, expiry: 0x82 } as const;
export const DOCUMENT_TYPE_CODES = { nationalId: 0x01, iqama: 0x02 } as const;
export type DocumentType = keyof typeof DOCUMENT_TYPE_CODES;

export interface IdentityFile {
  readonly documentType: DocumentType;
  /** As stored; whether it is a valid ID number is for the classifier to say. */
  readonly idNumber: string;
  /** ISO date YYYY-MM-DD. */
  readonly expiry: string;
}

export type IdentityFileError =
  | { readonly type: 'notAnIdentityFile'; readonly tag: number | undefined }
  | { readonly type: 'badLength' }
  | { readonly type: 'missingField'; readonly field: 'documentType' | 'idNumber' | 'expiry' }
  | { readonly type: 'badField'; readonly field: 'documentType' | 'idNumber' | 'expiry' };

interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly end: number;
}

/** One single-byte-tag TLV with a BER short or 81/82 long length, or undefined when the bytes run out. */
function readTlv(bytes: Uint8Array, at: number): Result<Tlv, 'short' | 'badLength'> {
  const tag = bytes[at];
  const first = bytes[at + 1];
  if (tag === undefined || first === undefined) return err('short');
  let length = first;
  let valueStart = at + 2;
  if (first === 0x81 || first === 0x82) {
    const count = first & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[valueStart + i];
      if (byte === undefined) return err('short');
      length = (length << 8) | byte;
    }
    valueStart += count;
  } else if (first > 0x7f) {
    return err('badLength');
  }
  if (valueStart + length > bytes.length) return err('short');
  return ok({ tag, value: bytes.slice(valueStart, valueStart + length), end: valueStart + length });
}

function tlvLength(length: number): number[] {
  if (length < 0x80) return [length];
  if (length < 0x100) return [0x81, length];
  return [0x82, length >>> 8, length & 0xff];
}

function tlv(tag: number, value: Uint8Array): number[] {
  return [tag, ...tlvLength(value.length), ...value];
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Total size of the file from its outer TLV header, once enough of it is known. */
export function declaredSize(bytes: Uint8Array): number | undefined {
  if (bytes.length < 2 || bytes[0] !== IDENTITY_TAGS.file) return undefined;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  if (first === 0x81) return bytes.length < 3 ? undefined : 3 + (bytes[2] ?? 0);
  if (first === 0x82) return bytes.length < 4 ? undefined : 4 + (((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0));
  return undefined;
}

export function encodeIdentityFile(identity: IdentityFile): Uint8Array {
  const body = [
    ...tlv(IDENTITY_TAGS.documentType, Uint8Array.of(DOCUMENT_TYPE_CODES[identity.documentType])),
    ...tlv(IDENTITY_TAGS.idNumber, bytesOf(identity.idNumber)),
    ...tlv(IDENTITY_TAGS.expiry, bytesOf(identity.expiry.replaceAll('-', ''))),
  ];
  return Uint8Array.from(tlv(IDENTITY_TAGS.file, Uint8Array.from(body)));
}

function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^[0-9]{8}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function decodeIdentityFile(bytes: Uint8Array): Result<IdentityFile, IdentityFileError> {
  const outer = readTlv(bytes, 0);
  if (!outer.ok) return err(outer.error === 'badLength' ? { type: 'badLength' } : { type: 'notAnIdentityFile', tag: bytes[0] });
  if (outer.value.tag !== IDENTITY_TAGS.file) return err({ type: 'notAnIdentityFile', tag: outer.value.tag });
  const fields = new Map<number, Uint8Array>();
  const body = outer.value.value;
  for (let at = 0; at < body.length; ) {
    const field = readTlv(body, at);
    if (!field.ok) return err({ type: 'badLength' });
    // First occurrence wins; unknown tags are left for later versions of the file.
    if (!fields.has(field.value.tag)) fields.set(field.value.tag, field.value.value);
    at = field.value.end;
  }
  const typeField = fields.get(IDENTITY_TAGS.documentType);
  const idField = fields.get(IDENTITY_TAGS.idNumber);
  const expiryField = fields.get(IDENTITY_TAGS.expiry);
  if (!typeField) return err({ type: 'missingField', field: 'documentType' });
  if (!idField) return err({ type: 'missingField', field: 'idNumber' });
  if (!expiryField) return err({ type: 'missingField', field: 'expiry' });
  const documentType = (Object.keys(DOCUMENT_TYPE_CODES) as DocumentType[]).find(
    (kind) => typeField.length === 1 && typeField[0] === DOCUMENT_TYPE_CODES[kind],
  );
  if (!documentType) return err({ type: 'badField', field: 'documentType' });
  const idNumber = latin1(idField);
  if (!/^[0-9]{1,20}$/.test(idNumber)) return err({ type: 'badField', field: 'idNumber' });
  const expiry = latin1(expiryField);
  if (!isCalendarDate(expiry)) return err({ type: 'badField', field: 'expiry' });
  return ok({ documentType, idNumber, expiry: `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}` });
}
