import { technicianCardNumber } from '../../common/rules/technicianCard';
import type { TechnicianPinBlockCheck } from '../../common/wire/technicians';
import type { CentralContext } from '../context';
import { type Answer, problem } from '../http/answers';
import { pinFromTechnicianBlock } from './pinBlockKey';
import { checkTechnicianPin } from './technicians';

/**
 * A technician's PIN from an ATM's EPP (ATM-mode maintenance): deciphered
 * under central's technician PIN key with the card number central issues to
 * that technician, then checked as a typed PIN is (technicians.ts): the same
 * lockout, the same audit row. The PIN exists only inside this call.
 */
export async function verifyTechnicianPinBlock(context: CentralContext, kioskId: string, check: TechnicianPinBlockCheck): Promise<Answer> {
  const keyHex = context.options.technicianPinKey;
  if (!keyHex) return problem('service_unavailable', 'This central holds no technician PIN key: maintenance at an ATM cannot be checked here.');
  const cardNumber = technicianCardNumber(check.technicianId);
  const key = Buffer.from(keyHex, 'hex');
  const pin = cardNumber === null ? null : pinFromTechnicianBlock(check.pinBlock, cardNumber, key);
  key.fill(0);
  if (pin === null) context.log.warn({ kioskId, technicianId: check.technicianId }, 'technician PIN block deciphers to no PIN: counted as wrong');
  return checkTechnicianPin(context, kioskId, check.technicianId, pin);
}
