import { z } from 'zod';
import type { CentralContext } from '../context';
import { type addressChangeSchema, addressSchema, type emailChangeSchema, type passwordChangeSchema } from '../../common/wire/citizen';
import { verifySecret } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import { checkNationalAddress, maskMobile } from '../../common/rules';
import { text } from '../store/columns';
import { type ChallengePurpose, confirmChallenge, type OpenedChallenge, openChallenge } from './challenges';
import { type Language, NOTICES, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import type { Tx } from '../store/database';
import { PASSWORD_UPDATED } from './passwordReset';
import { type Account, accountStateOf, findAccount, findPerson, type Reader } from './registry';
import { countFailure, lockedAnswer } from './signIn';
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

export const SESSION_GONE = 'The account behind this session no longer exists.';
const emailPending = z.object({ email: z.string() });
const passwordPending = z.object({ passwordHash: z.string() });

/** Who is asking: the signed-in account (by its session) at this kiosk. */
export interface Signed {
  readonly kioskId: string;
  readonly idNumber: string;
}

/** A code to the registered mobile, for a change the account's own session asked for. */
async function codeToRegistered(tx: Tx, context: CentralContext, who: Signed, account: Account, purpose: ChallengePurpose, payload: unknown, sessionLanguage: Language | null): Promise<Answer> {
  if (!account.mobile) return problem('mobile_invalid', 'The account has no registered mobile to send the code to.');
  return openChallenge(tx, context, { kioskId: who.kioskId, purpose, idNumber: account.idNumber, mobile: account.mobile, language: smsLanguage(sessionLanguage, account.language), payload });
}

/**
 * The code of a change this session started: a challenge of another account
 * (a session cannot confirm someone else's change) is as unknown as none.
 */
async function confirmOwn(tx: Tx, context: CentralContext, who: Signed, challengeId: string, purpose: ChallengePurpose, code: string): Promise<{ ok: true; challenge: OpenedChallenge } | { ok: false; answer: Answer }> {
  const owner = await tx.get('SELECT id_number FROM challenges WHERE challenge_id = ?', [challengeId]);
  if (!owner || text(owner, 'id_number') !== who.idNumber) return { ok: false, answer: problem('challenge_not_found', 'No pending code with this id for this session.') };
  return confirmChallenge(tx, context, who.kioskId, challengeId, purpose, code);
}

/** The code of this session's own change: the account it changes (still there) and the change that waited with the code. */
export async function confirmForAccount<Pending>(
  tx: Tx,
  context: CentralContext,
  who: Signed,
  challengeId: string,
  purpose: ChallengePurpose,
  code: string,
  pendingSchema: z.ZodType<Pending>,
): Promise<{ ok: true; account: Account; pending: Pending } | { ok: false; answer: Answer }> {
  const confirmed = await confirmOwn(tx, context, who, challengeId, purpose, code);
  if (!confirmed.ok) return confirmed;
  const account = await findAccount(tx, who.idNumber);
  if (!account) return { ok: false, answer: problem('session_invalid', SESSION_GONE) };
  return { ok: true, account, pending: pendingSchema.parse(confirmed.challenge.payload) };
}

/** RULES.md: a new e-mail, typed twice, confirmed by a code to the registered mobile. */
export async function startEmailChange(tx: Tx, context: CentralContext, who: Signed, body: z.infer<typeof emailChangeSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const email = emailOrProblem(body.email, body.emailConfirmation);
  if (isAnswer(email)) return email;
  const account = await findAccount(tx, who.idNumber);
  if (!account) return problem('session_invalid', SESSION_GONE);
  return codeToRegistered(tx, context, who, account, 'emailChange', { email }, sessionLanguage);
}

export async function confirmEmailChange(tx: Tx, context: CentralContext, who: Signed, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmForAccount(tx, context, who, challengeId, 'emailChange', code, emailPending);
  if (!confirmed.ok) return confirmed.answer;
  await tx.run('UPDATE accounts SET email = ? WHERE id_number = ?', [confirmed.pending.email, who.idNumber]);
  await notify(tx, context, confirmed.account, NOTICES.emailUpdated, sessionLanguage);
  return profileOf(tx, context, who.idNumber);
}

/** RULES.md "National address": every part checked by the shared rule; `address_invalid` names each part to fix (`postalCode.wrongLength`). */
export async function changeAddress(tx: Tx, context: CentralContext, idNumber: string, body: z.infer<typeof addressChangeSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('session_invalid', SESSION_GONE);
  const address = checkNationalAddress(body);
  if (!address.ok) return problem('address_invalid', 'The national address breaks the address rules.', { violations: [...address.violations] });
  await tx.run('UPDATE accounts SET address_json = ? WHERE id_number = ?', [JSON.stringify(address.value), idNumber]);
  await notify(tx, context, account, NOTICES.addressUpdated, sessionLanguage);
  return profileOf(tx, context, idNumber);
}

/** What the slow checks found before the write transaction (scrypt is slow): the current password right, and the new one not the same. */
interface PasswordCheck {
  readonly passwordHash: string | null;
  readonly correct: boolean;
  readonly sameAsCurrent: boolean;
}

export async function checkCurrentPassword(context: CentralContext, idNumber: string, current: string, next: string): Promise<PasswordCheck> {
  const account = await findAccount(context.db, idNumber);
  if (!account) return { passwordHash: null, correct: false, sameAsCurrent: false };
  const correct = await verifySecret(current, account.passwordHash);
  // With the current password right, the new one matches the stored hash only if it is the same text (hashed as NFC): no second scrypt.
  return { passwordHash: account.passwordHash, correct, sameAsCurrent: correct && next.normalize('NFC') === current.normalize('NFC') };
}

/**
 * RULES.md: the current password, a new one by the rules (not the current
 * one), and its confirmation; then a code to the registered mobile. The
 * new password's hash waits with the code and applies when it is right. A
 * wrong current password counts towards the account's lock as a failed
 * sign-in does (`attemptsRemaining`, then 423 `account_locked`); a right one
 * starts that count again, as a sign-in does.
 */
export async function startPasswordChange(
  tx: Tx,
  context: CentralContext,
  who: Signed,
  body: z.infer<typeof passwordChangeSchema>,
  check: PasswordCheck,
  newHash: string,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const account = await findAccount(tx, who.idNumber);
  if (!account) return problem('session_invalid', SESSION_GONE);
  // Locked by wrong passwords (here, at sign-in or as security answers): no more guesses, as at sign-in.
  if (accountStateOf(account, context.now()) === 'locked') return lockedAnswer(context, account);
  // The hash changed between the check and now (another change landed): checked again, slowly.
  const fresh = check.passwordHash === account.passwordHash ? check : await checkCurrentPassword(context, who.idNumber, body.currentPassword, body.newPassword);
  // RULES.md lockouts: a wrong current password is a failed password like a failed sign-in, towards the same account lock.
  if (!fresh.correct) return countFailure(tx, context, account, problem('password_current_wrong', 'The current password is wrong.'));
  if (account.failedAttempts > 0) await tx.run('UPDATE accounts SET failed_attempts = 0 WHERE id_number = ?', [account.idNumber]);
  const rule = newPasswordProblem(context, body.newPassword, body.newPasswordConfirmation, account.username);
  if (rule) return rule;
  if (fresh.sameAsCurrent) return problem('password_unchanged', 'The new password must differ from the current one.', { violations: ['sameAsCurrent'] });
  return codeToRegistered(tx, context, who, account, 'passwordChange', { passwordHash: newHash }, sessionLanguage);
}

export async function confirmPasswordChange(tx: Tx, context: CentralContext, who: Signed, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmForAccount(tx, context, who, challengeId, 'passwordChange', code, passwordPending);
  if (!confirmed.ok) return confirmed.answer;
  await tx.run('UPDATE accounts SET password_hash = ?, must_change_password = 0 WHERE id_number = ?', [confirmed.pending.passwordHash, who.idNumber]);
  context.log.info({ kioskId: who.kioskId, idLast4: who.idNumber.slice(-4) }, 'password changed at a kiosk');
  await notify(tx, context, confirmed.account, NOTICES.passwordUpdated, sessionLanguage);
  return success(200, PASSWORD_UPDATED);
}
