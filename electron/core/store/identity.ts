import { z } from 'zod';
import type { Tx, TxWork } from './statements';
import { readWrapped, writeWrapped } from './wrappedKeys';

/**
 * The kiosk's mTLS identity. The private key is stored wrapped under the
 * master key and kept out of every log line: this type has no toJSON of its
 * key on purpose — callers pass it to TLS and nowhere else.
 */
export interface KioskIdentity {
  kioskId: string;
  privateKeyPem: string;
  certificatePem: string;
  caPem: string | null;
  notBefore: number;
  notAfter: number;
  enrolledAt: number;
}

const identityRow = z.object({ kiosk_id: z.string(), certificate_pem: z.string(), ca_pem: z.string().nullable(), not_before: z.number().int(), not_after: z.number().int(), enrolled_at: z.number().int() });

const keyName = 'kiosk-private-key';

export function* readIdentity(tx: Tx, masterKey: Buffer): TxWork<KioskIdentity | null> {
  const row = yield* tx.get(identityRow, 'SELECT kiosk_id, certificate_pem, ca_pem, not_before, not_after, enrolled_at FROM kiosk_identity WHERE id = 1');
  if (!row) return null;
  const key = yield* readWrapped(tx, masterKey, keyName);
  if (!key) return null;
  return {
    kioskId: row.kiosk_id,
    privateKeyPem: key.toString('utf8'),
    certificatePem: row.certificate_pem,
    caPem: row.ca_pem,
    notBefore: row.not_before,
    notAfter: row.not_after,
    enrolledAt: row.enrolled_at,
  };
}

/** Key and certificate together, or neither: a certificate without its key is useless. */
export function* writeIdentity(tx: Tx, masterKey: Buffer, identity: KioskIdentity): TxWork<void> {
  yield* writeWrapped(tx, masterKey, keyName, Buffer.from(identity.privateKeyPem, 'utf8'), identity.enrolledAt);
  yield* tx.run(
    'INSERT OR REPLACE INTO kiosk_identity (id, kiosk_id, certificate_pem, ca_pem, not_before, not_after, enrolled_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
    [identity.kioskId, identity.certificatePem, identity.caPem, identity.notBefore, identity.notAfter, identity.enrolledAt],
  );
}
