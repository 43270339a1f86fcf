import { z } from 'zod';
import type { CentralContext } from '../context';
import type { mobileChangeSchema } from '../../common/wire/citizen';
import { type Answer, problem, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { maskMobile } from '../../common/rules';
import { type Language, NOTICES, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import { text } from '../store/columns';
import type { Tx } from '../store/database';
import { confirmAccountChallenge, openChallenge } from './challenges';
import type { Account } from './registry';
import { isAnswer, mobileOrProblem } from './rulesCheck';
import { heldAccount } from './verifications';

const pendingSchema = z.object({ newMobile: z.string() });

/** RULES.md "Update lost mobile": fingerprint → new mobile → SMS code to the new number. */
export async function startMobileChange(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof mobileChangeSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const found = await heldAccount(tx, context, kiosk.kioskId, body.verificationToken);
  if (isAnswer(found)) return found;
  const { held, account } = found;
  const mobile = mobileOrProblem(body.newMobile);
  if (isAnswer(mobile)) return mobile;
  if (mobile === account.mobile) return problem('mobile_unchanged', 'That is already the account’s mobile number.');
  await held.spend();
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'mobileChange', idNumber: account.idNumber, mobile, language: smsLanguage(sessionLanguage, account.language), payload: { newMobile: mobile } });
}

/** The number moves to this account and leaves any other (RULES.md "a number moved to a new account is removed from the old one"). */
export async function confirmMobileChange(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmAccountChallenge(tx, context, kiosk.kioskId, challengeId, 'mobileChange', code);
  if (!confirmed.ok) return confirmed.answer;
  const { account } = confirmed;
  const { newMobile } = pendingSchema.parse(confirmed.challenge.payload);
  return moveMobile(tx, context, kiosk.kioskId, account, newMobile, sessionLanguage);
}

/**
 * The number moves to the account and leaves any other; the new number is
 * told, and so is the number the account had (if it had one: the portal's
 * notice to the old number, in case the change was not its owner's); the
 * answer masks the new one.
 */
export async function moveMobile(tx: Tx, context: CentralContext, kioskId: string, account: Account, newMobile: string, sessionLanguage: Language | null): Promise<Answer> {
  const previous = await tx.all('SELECT id_number FROM accounts WHERE mobile = ? AND id_number <> ?', [newMobile, account.idNumber]);
  await tx.run('UPDATE accounts SET mobile = NULL WHERE mobile = ? AND id_number <> ?', [newMobile, account.idNumber]);
  await tx.run('UPDATE accounts SET mobile = ? WHERE id_number = ?', [newMobile, account.idNumber]);
  await tx.run('UPDATE persons SET mobile = ? WHERE id_number = ?', [newMobile, account.idNumber]);
  const language = smsLanguage(sessionLanguage, account.language);
  await sendSms(tx, context, newMobile, 'notification', NOTICES.mobileUpdated[language]);
  if (account.mobile && account.mobile !== newMobile) await sendSms(tx, context, account.mobile, 'notification', NOTICES.mobileChangedAway[language]);
  context.log.info(
    { kioskId, idLast4: account.idNumber.slice(-4), removedFrom: previous.map((row) => text(row, 'id_number').slice(-4)) },
    'mobile number changed',
  );
  return success(200, { maskedMobile: maskMobile(newMobile) });
}
