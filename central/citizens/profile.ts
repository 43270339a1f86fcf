import type { z } from 'zod';
import type { CentralContext } from '../context';
import { addressSchema, type emailChangeSchema, type passwordChangeSchema } from '../../common/wire/citizen';
import { verifySecret } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import { maskMobile, normaliseFreeText } from '../../common/rules';
import { type Language, NOTICES, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import type { Tx } from '../store/database';
import { PASSWORD_UPDATED } from './passwordReset';
import { type Account, accountStateOf, findAccount, findPerson, type Reader } from './registry';
import { emailOrProblem, isAnswer, newPasswordProblem } from './rulesCheck';

export async function profileOf(db: Reader, context: CentralContext, idNumber: string): Promise<Answer> {
  const account = await findAccount(db, idNumber);
  const person = await findPerson(db, idNumber);
  if (!account || !person) return problem('session_invalid', 'The account behind this session no longer exists.');
  const address = account.addressJson ? addressSchema.safeParse(JSON.parse(account.addressJson)) : null;
  return success(200, {
    username: account.username,
    idNumberLast4: idNumber.slice(-4),
    nameAr: person.nameAr,
    nameEn: person.nameEn,
    accountState: accountStateOf(account, context.now()),
    maskedMobile: account.mobile ? maskMobile(account.mobile) : null,
    email: account.email,
    address: address?.success ? address.data : null,
    language: account.language,
  });
}

async function notify(tx: Tx, context: CentralContext, account: Account, notice: { ar: string; en: string }, sessionLanguage: Language | null): Promise<void> {
  if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', notice[smsLanguage(sessionLanguage, account.language)]);
}

export async function changeEmail(tx: Tx, context: CentralContext, idNumber: string, body: z.infer<typeof emailChangeSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const email = emailOrProblem(body.email, body.emailConfirmation);
  if (isAnswer(email)) return email;
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('session_invalid', 'The account behind this session no longer exists.');
  await tx.run('UPDATE accounts SET email = ? WHERE id_number = ?', [email, idNumber]);
  await notify(tx, context, account, NOTICES.emailUpdated, sessionLanguage);
  return profileOf(tx, context, idNumber);
}

export async function changeAddress(tx: Tx, context: CentralContext, idNumber: string, body: z.infer<typeof addressSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('session_invalid', 'The account behind this session no longer exists.');
  const address = { ...body, city: normaliseFreeText(body.city), district: normaliseFreeText(body.district), street: normaliseFreeText(body.street) };
  await tx.run('UPDATE accounts SET address_json = ? WHERE id_number = ?', [JSON.stringify(address), idNumber]);
  await notify(tx, context, account, NOTICES.addressUpdated, sessionLanguage);
  return profileOf(tx, context, idNumber);
}

/** Checked before the write transaction (scrypt is slow). */
export async function checkCurrentPassword(context: CentralContext, idNumber: string, current: string): Promise<{ passwordHash: string | null; correct: boolean }> {
  const account = await findAccount(context.db, idNumber);
  if (!account) return { passwordHash: null, correct: false };
  return { passwordHash: account.passwordHash, correct: await verifySecret(current, account.passwordHash) };
}

export async function changePassword(
  tx: Tx,
  context: CentralContext,
  idNumber: string,
  body: z.infer<typeof passwordChangeSchema>,
  check: { passwordHash: string | null; correct: boolean },
  newHash: string,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('session_invalid', 'The account behind this session no longer exists.');
  const correct = check.passwordHash === account.passwordHash ? check.correct : await verifySecret(body.currentPassword, account.passwordHash);
  if (!correct) return problem('password_current_wrong', 'The current password is wrong.');
  const rule = newPasswordProblem(context, body.newPassword, body.newPasswordConfirmation, account.username);
  if (rule) return rule;
  await tx.run('UPDATE accounts SET password_hash = ?, must_change_password = 0 WHERE id_number = ?', [newHash, idNumber]);
  await notify(tx, context, account, NOTICES.passwordUpdated, sessionLanguage);
  return success(200, PASSWORD_UPDATED);
}
