import type { CentralContext } from '../context';
import { keyedHash } from '../credentials/keyed';
import { newEnrolmentCode, newId, normaliseEnrolmentCode } from '../credentials/tokens';
import { type Answer, problem, success } from '../http/answers';
import { issueCertificate } from '../pki/issue';
import { readCertificateRequest } from '../pki/request';
import { int, optionalInt } from '../store/columns';
import type { Tx } from '../store/database';

/** A fresh single-use code; only its hash is stored. */
export async function issueEnrolmentCode(context: CentralContext): Promise<{ enrolmentCode: string; expiresAt: string }> {
  const code = newEnrolmentCode();
  const now = context.now();
  const expiresAt = now + context.options.enrolmentCodeHours * 3_600_000;
  await context.db.transaction((tx) =>
    tx.run('INSERT INTO enrolment_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)', [keyedHash(context.hashKey, 'enrolment', normaliseEnrolmentCode(code)), now, expiresAt]),
  );
  return { enrolmentCode: code, expiresAt: new Date(expiresAt).toISOString() };
}

const DAY_MS = 86_400_000;

/** Certificates start a minute in the past so a kiosk clock slightly behind ours still accepts them. */
function validity(context: CentralContext): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + context.options.clientCertificateDays * DAY_MS) };
}

async function recordCertificate(tx: Tx, kioskId: string, issued: { serial: string; notBefore: Date; notAfter: Date }): Promise<void> {
  await tx.run('INSERT INTO certificates (serial, kiosk_id, not_before, not_after) VALUES (?, ?, ?, ?)', [issued.serial, kioskId, issued.notBefore.getTime(), issued.notAfter.getTime()]);
}

/**
 * Enrolment: the code is checked and spent, the kiosk recorded and its
 * certificate issued in one transaction. The certificate is signed before
 * the transaction (WebCrypto is async work we do not hold the write queue
 * for); an unused signature is simply dropped.
 */
export async function enrolKiosk(context: CentralContext, enrolmentCode: string, csrPem: string): Promise<Answer> {
  const csr = await readCertificateRequest(csrPem);
  if (!csr.ok) return problem('csr_invalid', `The certificate request is unusable (${csr.problem}); send a PKCS#10 request signed by an ECDSA P-256 key.`);
  const codeHash = keyedHash(context.hashKey, 'enrolment', normaliseEnrolmentCode(enrolmentCode));
  const refused = problem('enrolment_code_invalid', 'The enrolment code is unknown, already used or expired; ask for a new one.');
  const usable = (row: Awaited<ReturnType<typeof context.db.get>>): boolean => !!row && optionalInt(row, 'used_at') === null && int(row, 'expires_at') > context.now();
  // The code is checked before anything is signed: a wrong code costs the CA nothing. The transaction checks again (a race).
  if (!usable(await context.db.get('SELECT expires_at, used_at FROM enrolment_codes WHERE code_hash = ?', [codeHash]))) return refused;
  const kioskId = newId('KIOSK-', 4, 'HEX');
  const issued = await issueCertificate(context.ca, csr.publicKey, { role: 'kiosk', kioskId }, validity(context));
  return context.db.transaction(async (tx) => {
    if (!usable(await tx.get('SELECT expires_at, used_at FROM enrolment_codes WHERE code_hash = ?', [codeHash]))) return refused;
    await tx.run('UPDATE enrolment_codes SET used_at = ?, used_by = ? WHERE code_hash = ?', [context.now(), kioskId, codeHash]);
    await tx.run('INSERT INTO kiosks (kiosk_id, enrolled_at) VALUES (?, ?)', [kioskId, context.now()]);
    await recordCertificate(tx, kioskId, issued);
    context.log.info({ kioskId }, 'kiosk enrolled');
    return success(201, { kioskId, certificatePem: issued.certificatePem, caCertPem: context.ca.certificatePem, notAfter: issued.notAfter.toISOString() });
  });
}

/** Renewal over mTLS: a new certificate for the same kiosk id; the old one stays valid until it expires. */
export async function renewKioskCertificate(context: CentralContext, kioskId: string, csrPem: string): Promise<Answer> {
  const csr = await readCertificateRequest(csrPem);
  if (!csr.ok) return problem('csr_invalid', `The certificate request is unusable (${csr.problem}); send a PKCS#10 request signed by an ECDSA P-256 key.`);
  const issued = await issueCertificate(context.ca, csr.publicKey, { role: 'kiosk', kioskId }, validity(context));
  await context.db.transaction((tx) => recordCertificate(tx, kioskId, issued));
  context.log.info({ kioskId }, 'kiosk certificate renewed');
  return success(200, { kioskId, certificatePem: issued.certificatePem, caCertPem: context.ca.certificatePem, notAfter: issued.notAfter.toISOString() });
}

/** For tests and operators: a certificate issued with explicit dates (an already expired one, say). */
export async function issueKioskCertificateFor(
  context: CentralContext,
  kioskId: string,
  publicKey: Parameters<typeof issueCertificate>[1],
  dates: { notBefore: Date; notAfter: Date },
): Promise<string> {
  const issued = await issueCertificate(context.ca, publicKey, { role: 'kiosk', kioskId }, dates);
  await context.db.transaction((tx) => recordCertificate(tx, kioskId, issued));
  return issued.certificatePem;
}

export async function revokeKiosk(context: CentralContext, kioskId: string): Promise<number> {
  const { changes } = await context.db.transaction((tx) => tx.run('UPDATE certificates SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL', [context.now(), kioskId]));
  return changes;
}
