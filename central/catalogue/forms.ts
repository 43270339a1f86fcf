import type { CentralContext } from '../context';
import { objectToViolation } from '../citizens/inquiries';
import { type Answer, problem } from '../http/answers';
import { checkServiceInputs } from '../../common/rules';
import type { FormEntry } from '../../common/wire/catalogue';
import type { Tx } from '../store/database';

type FormHandler = (tx: Tx, context: CentralContext, kioskId: string, idNumber: string, row: string, values: Record<string, string>) => Promise<Answer>;

/**
 * RULES.md "Objection to a traffic violation": only an unpaid violation of
 * the signed-in person, once, within 30 days of its issue; a reason from the
 * list plus up to 300 characters → an objection number.
 */
const objectViolation: FormHandler = (tx, context, kioskId, idNumber, violationNumber, values) =>
  // The one objection rule and record (the older violations route files through it too); the reason category first, then the person's words.
  objectToViolation(tx, context, kioskId, idNumber, violationNumber, `${values.reason ?? ''}: ${values.details ?? ''}`);

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
