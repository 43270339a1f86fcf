import type { CentralContext } from '../context';
import { newId } from '../credentials/tokens';
import { type Answer, problem, success } from '../http/answers';
import { checkServiceInputs } from '../../common/rules';
import type { FormEntry } from '../../common/wire/catalogue';
import type { Tx } from '../store/database';
import { text } from '../store/columns';
import { objectionState } from './answers';

type FormHandler = (tx: Tx, context: CentralContext, kioskId: string, idNumber: string, row: string, values: Record<string, string>) => Promise<Answer>;

/**
 * RULES.md "Objection to a traffic violation": only an unpaid violation of
 * the signed-in person, once, within 30 days of its issue; a reason from the
 * list plus up to 300 characters → an objection number.
 */
const objectViolation: FormHandler = async (tx, context, kioskId, idNumber, violationNumber, values) => {
  const row = await tx.get('SELECT v.status, v.occurred_at, o.objection_id FROM violations v LEFT JOIN objections o ON o.violation_number = v.violation_number WHERE v.violation_number = ? AND v.id_number = ?', [violationNumber, idNumber]);
  if (!row) return problem('violation_not_found', 'No such violation for this person.');
  const state = objectionState(text(row, 'status'), text(row, 'occurred_at'), row.objection_id !== null && row.objection_id !== undefined, context.now());
  if (state === 'alreadyObjected') return problem('objection_exists', 'This violation has been objected to already.', { violations: [state] });
  if (state !== 'allowed') return problem('objection_not_allowed', `This violation cannot be objected to (${state}).`, { violations: [state] });
  const objectionId = newId('OBJ-', 8, 'HEX');
  await tx.run('INSERT INTO objections (objection_id, violation_number, reason, filed_at, kiosk_id) VALUES (?, ?, ?, ?, ?)', [objectionId, violationNumber, `${values.reason ?? ''}: ${values.details ?? ''}`, context.now(), kioskId]);
  await tx.run("UPDATE violations SET status = 'underObjection' WHERE violation_number = ?", [violationNumber]);
  return success(201, { objectionId, violationNumber, status: 'underObjection' });
};

const FORMS: Record<string, FormHandler> = { violationObjection: objectViolation };

/** One form of the catalogue: its inputs checked by their shared rules, the row it is about named by the entry's row key. */
export async function submitForm(tx: Tx, context: CentralContext, entry: FormEntry, kioskId: string, idNumber: string, inputs: Record<string, string>): Promise<Answer> {
  const handler = FORMS[entry.id];
  if (!handler) return problem('service_not_found', `No form ${entry.id} on this central.`);
  const { [entry.pick.rowKey]: row, ...rest } = inputs;
  const checked = checkServiceInputs(entry.inputs, rest, { luhn: context.options.rules.idNumberLuhnCheck });
  if (!checked.ok || !row) {
    const fields = checked.ok ? { [entry.pick.rowKey]: ['required'] } : checked.fields;
    return problem('input_invalid', 'An input breaks its rule.', { issues: Object.entries(fields).map(([path, words]) => ({ path, message: words.join(', ') })) });
  }
  return handler(tx, context, kioskId, idNumber, row, checked.values);
}
