import { verify as verifySignature } from 'node:crypto';
import type { z } from 'zod';
import type { CentralContext } from '../context';
import { captureSigningText } from '../../common/wire/captureSigning';
import { CAPTURE_FORMAT, type fingerprintVerificationSchema } from '../../common/wire/citizen';
import type { MatchVerdict } from '../biometrics/matcher';
import { type Answer, problem } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { checkIdNumber } from '../../common/rules';
import { blob, int, text } from '../store/columns';
import type { Tx } from '../store/database';
import { findPerson } from './registry';
import { verifiedAnswer } from './verifications';

type FingerprintVerification = z.infer<typeof fingerprintVerificationSchema>;

/** What can be decided before the write transaction: the capture package and the match itself (references never change). */
type FingerprintPrecheck = { readonly kind: 'refused'; readonly answer: Answer } | { readonly kind: 'matched'; readonly idNumber: string; readonly verdict: MatchVerdict };

export async function precheckFingerprint(context: CentralContext, kiosk: KioskIdentity, body: FingerprintVerification): Promise<FingerprintPrecheck> {
  const { capture } = body;
  const id = checkIdNumber(body.idNumber, { luhn: context.options.rules.idNumberLuhnCheck });
  if (!id.ok) return { kind: 'refused', answer: problem('id_number_invalid', 'The ID number is not valid.', { violations: [...id.violations] }) };
  if (capture.format !== CAPTURE_FORMAT) {
    return { kind: 'refused', answer: problem('capture_format_unsupported', `Send templates as "${CAPTURE_FORMAT}".`) };
  }
  const signed = Buffer.from(captureSigningText({ ...body.capture, idNumber: body.idNumber, sessionId: body.sessionId }), 'utf8');
  const signature = Buffer.from(capture.signature, 'base64');
  let genuine = false;
  try {
    genuine = verifySignature('sha256', signed, { key: kiosk.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    genuine = false;
  }
  if (!genuine) return { kind: 'refused', answer: problem('capture_signature_invalid', 'The capture signature does not verify with this kiosk’s certificate key.') };
  if (capture.quality < context.options.captureQualityThreshold) {
    return { kind: 'refused', answer: problem('capture_quality_low', `Capture quality ${capture.quality} is below ${context.options.captureQualityThreshold}; place the finger again.`) };
  }
  const template = Buffer.from(capture.template, 'base64');
  const rows = await context.db.all(
    capture.finger ? 'SELECT finger, template FROM fingerprints WHERE id_number = ? AND finger = ?' : 'SELECT finger, template FROM fingerprints WHERE id_number = ?',
    capture.finger ? [id.value.digits, capture.finger] : [id.value.digits],
  );
  const verdict = context.matcher.verify(
    template,
    rows.map((row) => ({ finger: text(row, 'finger'), template: blob(row, 'template') })),
  );
  if (verdict.kind === 'unreadable') return { kind: 'refused', answer: problem('capture_invalid', `The template could not be read (${verdict.reason}).`) };
  return { kind: 'matched', idNumber: id.value.digits, verdict };
}

/**
 * RULES.md: 3 failed matches in a session end it. Failures count per
 * (kiosk, customer session); an unknown ID counts as a failed match so the
 * answer never tells whether an ID exists.
 */
export async function concludeFingerprint(tx: Tx, context: CentralContext, kiosk: KioskIdentity, sessionId: string, precheck: FingerprintPrecheck): Promise<Answer> {
  if (precheck.kind === 'refused') return precheck.answer;
  const limit = context.options.rules.fingerprintMaxFailuresPerSession;
  const row = await tx.get('SELECT failures FROM fingerprint_failures WHERE kiosk_id = ? AND session_id = ?', [kiosk.kioskId, sessionId]);
  const failures = row ? int(row, 'failures') : 0;
  if (failures >= limit) return problem('fingerprint_attempts_exhausted', 'Too many failed matches in this session: refer the person to staff.', { attemptsRemaining: 0 });

  const person = await findPerson(tx, precheck.idNumber);
  if (precheck.verdict.kind !== 'match' || !person) {
    const now = failures + 1;
    await tx.run(
      'INSERT INTO fingerprint_failures (kiosk_id, session_id, failures) VALUES (?, ?, ?) ON CONFLICT (kiosk_id, session_id) DO UPDATE SET failures = excluded.failures',
      [kiosk.kioskId, sessionId, now],
    );
    context.log.info({ kioskId: kiosk.kioskId, idLast4: precheck.idNumber.slice(-4), failures: now }, 'fingerprint did not match');
    if (now >= limit) return problem('fingerprint_attempts_exhausted', 'Too many failed matches in this session: refer the person to staff.', { attemptsRemaining: 0 });
    return problem('fingerprint_no_match', 'The fingerprint does not match this ID. Try again or use another finger.', { attemptsRemaining: limit - now });
  }
  return verifiedAnswer(tx, context, kiosk.kioskId, person, 'fingerprint');
}
