import { z } from 'zod';
import type { CentralContext } from '../context';
import type { fingerprintPasswordResetSchema, securityQuestionLookupSchema, securityQuestionPasswordResetSchema } from '../../common/wire/citizen';
import { hashSecret, normaliseAnswer, verifySecret } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { type Language, NOTICES, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import type { Tx } from '../store/database';
import { attemptKey, attemptsOf, clearAccountAttempts, countAttempt, verifyAgainstNobody } from './attempts';
import { confirmAccountChallenge, openChallenge } from './challenges';
import { type Account, accountStateOf, findAccount } from './registry';
import { idNumberOrProblem, isAnswer, mobileOrProblem, newPasswordProblem } from './rulesCheck';
import { countFailure, lockedAnswer } from './signIn';
import { heldAccount } from './verifications';

export const PASSWORD_UPDATED = { message: { ar: NOTICES.passwordUpdated.ar, en: NOTICES.passwordUpdated.en } };

const pendingSchema = z.object({ passwordHash: z.string() });

export async function hashNewPassword(context: CentralContext, password: string): Promise<string> {
  return hashSecret(password, { N: context.options.scryptCost, r: 8, p: 1 });
}

/** Kiosk way (RULES.md): ID + fingerprint + new password, then an SMS code to the account's mobile. */
export async function startFingerprintPasswordReset(
  tx: Tx,
  context: CentralContext,
  kiosk: KioskIdentity,
  body: z.infer<typeof fingerprintPasswordResetSchema>,
  passwordHash: string,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const found = await heldAccount(tx, context, kiosk.kioskId, body.verificationToken);
  if (isAnswer(found)) return found;
  const { held, account } = found;
  const rule = newPasswordProblem(context, body.newPassword, body.newPasswordConfirmation, account.username);
  if (rule) return rule;
  if (!account.mobile) return problem('mobile_invalid', 'The account has no mobile number; update it first (fingerprint + new mobile).');
  await held.spend();
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'passwordReset', idNumber: account.idNumber, mobile: account.mobile, language: smsLanguage(sessionLanguage, account.language), payload: { passwordHash } });
}

/**
 * ID and registered mobile together name an account; the answer never says
 * which half was wrong, or whether the ID has an account at all. A wrong
 * mobile for an existing account still counts as a failed attempt — silently,
 * the answer being the same as for an unknown ID — so the lookups cannot be
 * used to try mobiles against an ID: the lock comes as it does for passwords.
 */
export async function accountForIdAndMobile(tx: Tx, context: CentralContext, idInput: string, mobileInput: string): Promise<(Account & { mobile: string }) | Answer> {
  const idNumber = idNumberOrProblem(context, idInput);
  if (isAnswer(idNumber)) return idNumber;
  const mobile = mobileOrProblem(mobileInput);
  if (isAnswer(mobile)) return mobile;
  const account = await findAccount(tx, idNumber);
  const mismatch = problem('identity_mismatch', 'The ID number and mobile number do not match an account.');
  if (!account || account.mobile !== mobile) {
    // Counted per pair typed, account or not (the same write either way); a real account is also counted
    // towards its lock. A lock already running is not lengthened by more probes.
    const attempts = await attemptsOf(tx, context, attemptKey(context, 'idMobile', `${idNumber}:${mobile}`));
    await countAttempt(tx, context, attempts, mismatch);
    if (account && accountStateOf(account, context.now()) !== 'locked') await countFailure(tx, context, account, mismatch);
    return mismatch;
  }
  return { ...account, mobile };
}

export async function lookUpSecurityQuestion(tx: Tx, context: CentralContext, body: z.infer<typeof securityQuestionLookupSchema>): Promise<Answer> {
  const account = await accountForIdAndMobile(tx, context, body.idNumber, body.mobile);
  if (isAnswer(account)) return account;
  if (!account.securityQuestionAr || !account.securityQuestionEn || !account.securityAnswerHash) {
    return problem('identity_mismatch', 'This account has no security question; use the fingerprint route.');
  }
  return success(200, { question: { ar: account.securityQuestionAr, en: account.securityQuestionEn } });
}

/** Checked before the write transaction (scrypt is slow). */
export async function checkSecurityAnswer(context: CentralContext, body: z.infer<typeof securityQuestionPasswordResetSchema>): Promise<{ answerHash: string | null; correct: boolean; passwordHash: string }> {
  const passwordHash = await hashNewPassword(context, body.newPassword);
  const id = idNumberOrProblem(context, body.idNumber);
  if (isAnswer(id)) return { answerHash: null, correct: false, passwordHash };
  const account = await findAccount(context.db, id);
  if (!account?.securityAnswerHash) return { answerHash: null, correct: await verifyAgainstNobody(context, body.answer), passwordHash };
  return { answerHash: account.securityAnswerHash, correct: await verifySecret(normaliseAnswer(body.answer), account.securityAnswerHash), passwordHash };
}

/** Web way (RULES.md): ID + mobile + security answer + new password, then an SMS code. Wrong answers count towards the lock. */
export async function startSecurityQuestionPasswordReset(
  tx: Tx,
  context: CentralContext,
  kiosk: KioskIdentity,
  body: z.infer<typeof securityQuestionPasswordResetSchema>,
  check: { answerHash: string | null; correct: boolean; passwordHash: string },
  sessionLanguage: Language | null,
): Promise<Answer> {
  const account = await accountForIdAndMobile(tx, context, body.idNumber, body.mobile);
  if (isAnswer(account)) return account;
  if (!account.securityAnswerHash) return problem('identity_mismatch', 'This account has no security question; use the fingerprint route.');
  if (accountStateOf(account, context.now()) === 'locked') return lockedAnswer(context, account);
  const rule = newPasswordProblem(context, body.newPassword, body.newPasswordConfirmation, account.username);
  if (rule) return rule;
  const correct = check.answerHash === account.securityAnswerHash ? check.correct : await verifySecret(normaliseAnswer(body.answer), account.securityAnswerHash);
  if (!correct) return countFailure(tx, context, account, problem('security_answer_wrong', 'The answer to the security question is wrong.'));
  return openChallenge(tx, context, {
    kioskId: kiosk.kioskId,
    purpose: 'passwordReset',
    idNumber: account.idNumber,
    mobile: account.mobile ?? '',
    language: smsLanguage(sessionLanguage, account.language),
    payload: { passwordHash: check.passwordHash },
  });
}

/** The new password takes effect, the sign-in lock is cleared, and the person is told by SMS. */
export async function confirmPasswordReset(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmAccountChallenge(tx, context, kiosk.kioskId, challengeId, 'passwordReset', code);
  if (!confirmed.ok) return confirmed.answer;
  const { account } = confirmed;
  const { passwordHash } = pendingSchema.parse(confirmed.challenge.payload);
  await tx.run('UPDATE accounts SET password_hash = ?, failed_attempts = 0, locked_until = NULL, must_change_password = 0 WHERE id_number = ?', [passwordHash, account.idNumber]);
  await clearAccountAttempts(tx, context, account);
  if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', NOTICES.passwordUpdated[smsLanguage(sessionLanguage, account.language)]);
  context.log.info({ kioskId: kiosk.kioskId, idLast4: account.idNumber.slice(-4) }, 'password reset');
  return success(200, PASSWORD_UPDATED);
}
