import type { z } from 'zod';
import type { CentralContext } from '../context';
import type { biometricSignInSchema, signInSchema } from '../../common/wire/citizen';
import { verifySecret } from '../credentials/passwords';
import { type Answer, problem } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { checkIdNumber } from '../../common/rules';
import { type Language, smsLanguage } from '../sms/messages';
import type { Tx } from '../store/database';
import { attemptKey, attemptsOf, clearAttempts, countAttempt, lockedFor, verifyAgainstNobody } from './attempts';
import { confirmChallenge, openChallenge } from './challenges';
import { type Account, accountStateOf, findAccount, findAccountByUsername, findPerson, type Reader } from './registry';
import { openSession } from './sessions';
import { holdVerification, isHeld } from './verifications';

/** The sign-in field takes a username or an ID number (RULES.md); usernames can never look like ID numbers. */
async function accountForLogin(db: Reader, context: CentralContext, login: string): Promise<Account | null> {
  const id = checkIdNumber(login, { luhn: context.options.rules.idNumberLuhnCheck });
  return id.ok ? findAccount(db, id.value.digits) : findAccountByUsername(db, login.trim());
}

export function lockedAnswer(context: CentralContext, account: Account): Answer {
  return lockedFor(context, account.lockedUntil ?? context.now());
}

/**
 * One failed secret (security answer) against the account: the counter
 * grows; reaching the limit locks the account for the lock period.
 */
export async function countFailure(tx: Tx, context: CentralContext, account: Account, wrong: Answer): Promise<Answer> {
  const { signInMaxFailures, signInLockMinutes } = context.options.rules;
  const failures = account.failedAttempts + 1;
  if (failures >= signInMaxFailures) {
    const lockedUntil = context.now() + signInLockMinutes * 60_000;
    await tx.run('UPDATE accounts SET failed_attempts = 0, locked_until = ? WHERE id_number = ?', [lockedUntil, account.idNumber]);
    context.log.warn({ idLast4: account.idNumber.slice(-4) }, 'account locked after failed attempts');
    return lockedAnswer(context, { ...account, lockedUntil });
  }
  await tx.run('UPDATE accounts SET failed_attempts = ? WHERE id_number = ?', [failures, account.idNumber]);
  const body = wrong.body as Record<string, unknown>;
  return { ...wrong, body: { ...body, attemptsRemaining: signInMaxFailures - failures } };
}

/** What the sign-in field names for counting: the ID number's digits, or the username as typed (trimmed). */
function loginCounted(context: CentralContext, login: string): string {
  const id = checkIdNumber(login, { luhn: context.options.rules.idNumberLuhnCheck });
  return attemptKey(context, 'login', id.ok ? `id:${id.value.digits}` : `user:${login.trim()}`);
}

/** Checked before the write transaction (scrypt is slow); the transaction re-checks the hash did not change meanwhile. */
interface PasswordCheck {
  readonly passwordHash: string | null;
  readonly correct: boolean;
}

export async function checkLoginPassword(context: CentralContext, body: z.infer<typeof signInSchema>): Promise<PasswordCheck> {
  const account = await accountForLogin(context.db, context, body.login);
  // No account: the same scrypt work as a real check, so the answer takes as long.
  if (!account) return { passwordHash: null, correct: await verifyAgainstNobody(context, body.password) };
  return { passwordHash: account.passwordHash, correct: await verifySecret(body.password, account.passwordHash) };
}

/** The temporary password goes out in the session's language (`sessionLanguage`, from the kiosk), else the account's. */
export async function startSignIn(
  tx: Tx,
  context: CentralContext,
  kiosk: KioskIdentity,
  body: z.infer<typeof signInSchema>,
  check: PasswordCheck,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const account = await accountForLogin(tx, context, body.login);
  const attempts = await attemptsOf(tx, context, loginCounted(context, body.login));
  // Until the password is proven, an unknown login and a real one answer alike: same counter, same lock, same body.
  const accountLockedUntil = account && accountStateOf(account, context.now()) === 'locked' ? (account.lockedUntil ?? context.now()) : null;
  const lockedUntil = Math.max(attempts.lockedUntil ?? 0, accountLockedUntil ?? 0);
  if (lockedUntil > 0) return lockedFor(context, lockedUntil);
  const correct = account ? (check.passwordHash === account.passwordHash ? check.correct : await verifySecret(body.password, account.passwordHash)) : false;
  if (!account || !correct) {
    const wrong = problem('credentials_invalid', 'The username or password is wrong.');
    const answer = await countAttempt(tx, context, attempts, wrong, async (until) => {
      if (!account) return;
      await tx.run('UPDATE accounts SET failed_attempts = 0, locked_until = ? WHERE id_number = ?', [until, account.idNumber]);
      context.log.warn({ idLast4: account.idNumber.slice(-4) }, 'account locked after failed sign-ins');
    });
    if (!account || answer.status === 423) return answer;
    // Wrong passwords also count with wrong security answers towards the account's own lock (RULES.md). That lock can
    // come sooner than the typed login's only after security answers, which need the ID and its mobile: proven already.
    const onAccount = await countFailure(tx, context, account, wrong);
    return onAccount.status === 423 ? onAccount : answer;
  }
  await clearAttempts(tx, attempts.key);
  await tx.run('UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id_number = ?', [account.idNumber]);
  if (account.state !== 'active') return problem('account_not_active', `The account is ${account.state}; activate it first.`);
  if (!account.mobile) return problem('mobile_invalid', 'The account has no mobile number; update it at a kiosk by fingerprint.');
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'signIn', idNumber: account.idNumber, mobile: account.mobile, language: smsLanguage(sessionLanguage, account.language), payload: {} });
}

export async function confirmSignIn(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string): Promise<Answer> {
  const confirmed = await confirmChallenge(tx, context, kiosk.kioskId, challengeId, 'signIn', code);
  if (!confirmed.ok) return confirmed.answer;
  const account = await findAccount(tx, confirmed.challenge.idNumber);
  const person = await findPerson(tx, confirmed.challenge.idNumber);
  if (!account || !person) return problem('account_not_found', 'The account no longer exists.');
  if (accountStateOf(account, context.now()) === 'locked') return lockedAnswer(context, account);
  return openSession(tx, context, kiosk.kioskId, person, account.mustChangePassword);
}

/** ID card + fingerprint: the fingerprint is the strong factor, so no SMS step. */
export async function signInByFingerprint(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof biometricSignInSchema>): Promise<Answer> {
  const held = await holdVerification(tx, context, kiosk.kioskId, body.verificationToken, 'fingerprint');
  if (!isHeld(held)) return held;
  const account = await findAccount(tx, held.idNumber);
  const person = await findPerson(tx, held.idNumber);
  if (!account || !person) return problem('account_not_found', 'There is no account for this ID yet; register first.');
  if (account.state !== 'active') return problem('account_not_active', `The account is ${account.state}; activate it first.`);
  await held.spend();
  return openSession(tx, context, kiosk.kioskId, person, account.mustChangePassword);
}
