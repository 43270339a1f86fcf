import type { CentralContext } from '../context';
import { newId } from '../credentials/tokens';
import { type Answer, problem, success } from '../http/answers';
import { int, text } from '../store/columns';
import { normaliseFreeText } from '../../common/rules';
import type { Tx } from '../store/database';
import { isoDay, type Reader } from './registry';
import { EXPIRING_SOON_DAYS, objectionState, violationsOf } from '../catalogue/answers';

export async function listVisas(db: Reader, idNumber: string): Promise<Answer> {
  const rows = await db.all('SELECT * FROM visas WHERE id_number = ? ORDER BY issued_on DESC', [idNumber]);
  return success(200, {
    visas: rows.map((row) => ({
      visaNumber: text(row, 'visa_number'),
      type: text(row, 'type'),
      status: text(row, 'status'),
      issuedOn: text(row, 'issued_on'),
      validUntil: text(row, 'valid_until'),
      durationDays: int(row, 'duration_days'),
    })),
  });
}

export async function listViolations(db: Reader, context: CentralContext, idNumber: string): Promise<Answer> {
  const violations = await violationsOf(db, idNumber, context.now());
  return success(200, { violations: violations.map(({ objection, ...v }) => ({ ...v, objectionAllowed: objection === 'allowed' })) });
}

/** Only an unpaid violation of the signed-in person, once, within the window (the catalogue's form applies the same rule: catalogue/forms.ts). */
export async function objectToViolation(tx: Tx, context: CentralContext, kioskId: string, idNumber: string, violationNumber: string, reason: string): Promise<Answer> {
  const row = await tx.get('SELECT v.status, v.occurred_at, o.objection_id FROM violations v LEFT JOIN objections o ON o.violation_number = v.violation_number WHERE v.violation_number = ? AND v.id_number = ?', [violationNumber, idNumber]);
  if (!row) return problem('violation_not_found', 'No such violation for this person.');
  const state = objectionState(text(row, 'status'), text(row, 'occurred_at'), row.objection_id !== null && row.objection_id !== undefined, context.now());
  if (state === 'alreadyObjected') return problem('objection_exists', 'This violation has been objected to already.', { violations: [state] });
  if (state !== 'allowed') return problem('objection_not_allowed', `This violation cannot be objected to (${state}).`, { violations: [state] });
  const objectionId = newId('OBJ-', 8, 'HEX');
  await tx.run('INSERT INTO objections (objection_id, violation_number, reason, filed_at, kiosk_id) VALUES (?, ?, ?, ?, ?)', [objectionId, violationNumber, normaliseFreeText(reason), context.now(), kioskId]);
  await tx.run("UPDATE violations SET status = 'underObjection' WHERE violation_number = ?", [violationNumber]);
  return success(201, { objectionId, violationNumber, status: 'underObjection' });
}

export async function listDocuments(db: Reader, context: CentralContext, idNumber: string): Promise<Answer> {
  const rows = await db.all('SELECT * FROM documents WHERE id_number = ? ORDER BY type', [idNumber]);
  const today = isoDay(context.now());
  const soon = isoDay(context.now() + EXPIRING_SOON_DAYS * 86_400_000);
  return success(200, {
    documents: rows.map((row) => {
      const expiresOn = text(row, 'expires_on');
      return {
        type: text(row, 'type'),
        numberLast4: text(row, 'number').slice(-4),
        issuedOn: text(row, 'issued_on'),
        expiresOn,
        status: expiresOn < today ? 'expired' : expiresOn <= soon ? 'expiringSoon' : 'valid',
      };
    }),
  });
}
