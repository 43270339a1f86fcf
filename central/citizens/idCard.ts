import type { z } from 'zod';
import { decodeIdentityFile } from '../../common/identityFile';
import type { CentralContext } from '../context';
import type { idCardVerificationSchema } from '../../common/wire/citizen';
import { type Answer, problem } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { checkIdNumber } from '../../common/rules';
import type { Tx } from '../store/database';
import { findPerson, idExpired } from './registry';
import { verifiedAnswer } from './verifications';

/** The chip's identity file against the registry: the card must be this ID's current, unexpired card. */
export async function verifyIdCard(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof idCardVerificationSchema>): Promise<Answer> {
  const id = checkIdNumber(body.idNumber, { luhn: context.options.rules.idNumberLuhnCheck });
  if (!id.ok) return problem('id_number_invalid', 'The ID number is not valid.', { violations: [...id.violations] });
  const file = decodeIdentityFile(Buffer.from(body.chip.identityFile, 'base64'));
  if (!file.ok) return problem('id_card_invalid', `The identity file could not be read (${file.error.type}).`);
  const person = await findPerson(tx, id.value.digits);
  if (!person) return problem('person_not_found', 'No person with this ID number.');
  if (file.value.idNumber !== person.idNumber || file.value.documentType !== person.idCardType || file.value.expiry !== person.idCardExpiry) {
    return problem('id_card_mismatch', 'This card is not the current card for this ID.');
  }
  if (idExpired(person, context.now())) return problem('id_expired', 'The ID has expired; renew it first.');
  return verifiedAnswer(tx, context, kiosk.kioskId, person, 'idCard');
}
