import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { CentralContext } from '../context';
import type { activationSchema } from '../../common/wire/citizen';
import type { Result } from '../../common/result';
import { hashSecret } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { checkPassword, maskIdNumber, maskMobile, maskUsername } from '../../common/rules';
import { bankActivatedText, type Language, NOTICES, smsLanguage, usernameText } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import { clearAccountAttempts } from './attempts';
import { int, optionalInt, text } from '../store/columns';
import type { Tx } from '../store/database';
import { confirmAccountChallenge, openChallenge } from './challenges';
import { type AttestationRefusal, attestationUsed, expiredBy, spendAttestation, type VerifiedAttestation } from './bankAttestation';
import { accountStateOf, findAccount, findPerson } from './registry';
import { idNumberOrProblem, isAnswer } from './rulesCheck';
import { heldAccount } from './verifications';

/** RULES.md "Activate at a kiosk": fingerprint → terms → SMS code to the mobile registered to that ID. */
export async function startActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof activationSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const found = await heldAccount(tx, context, kiosk.kioskId, body.verificationToken, 'There is no account for this ID yet; register first.');
  if (isAnswer(found)) return found;
  const { held, account } = found;
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  if (!body.termsAccepted) return problem('terms_not_accepted', 'Accept the terms of use and privacy policy to activate.');
  if (!account.mobile) return problem('mobile_invalid', 'The account has no mobile number; update it first (fingerprint + new mobile).');
  await held.spend();
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'activation', idNumber: account.idNumber, mobile: account.mobile, language: smsLanguage(sessionLanguage, account.language), payload: {} });
}

export async function confirmActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmAccountChallenge(tx, context, kiosk.kioskId, challengeId, 'activation', code);
  if (!confirmed.ok) return confirmed.answer;
  const { account } = confirmed;
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  await tx.run("UPDATE accounts SET state = 'active', activated_at = ?, bank_requested_at = NULL WHERE id_number = ?", [context.now(), account.idNumber]);
  if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', NOTICES.activated[smsLanguage(sessionLanguage, account.language)]);
  context.log.info({ kioskId: kiosk.kioskId, idLast4: account.idNumber.slice(-4) }, 'account activated at a kiosk');
  return success(200, { accountState: 'active', username: account.username, maskedMobile: account.mobile ? maskMobile(account.mobile) : null, idNumberLast4: account.idNumber.slice(-4) });
}

/** How long after a kiosk activation its kiosk may still ask for the username by SMS (a kiosk session lasts 10 minutes at most). */
export const ACTIVATED_USERNAME_WINDOW_MS = 15 * 60_000;

/**
 * After a kiosk activation, on that kiosk's request: the full username by SMS
 * to the account's own mobile, masked in the answer (as username recovery
 * does). The activation challenge this kiosk just confirmed is the only key:
 * it names one account, which must have been activated by it (after the
 * challenge was opened, within the window), so the call cannot be pointed at
 * anyone else. At most one SMS per activation; a repeat answers the same.
 */
export async function sendActivatedUsername(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, sessionLanguage: Language | null): Promise<Answer> {
  const notFound = () => problem('challenge_not_found', 'No activation just confirmed with this challenge at this kiosk.');
  const challenge = await tx.get("SELECT id_number, payload_json, created_at FROM challenges WHERE challenge_id = ? AND kiosk_id = ? AND purpose = 'activation' AND state = 'used'", [challengeId, kiosk.kioskId]);
  if (!challenge) return notFound();
  const idNumber = text(challenge, 'id_number');
  const row = await tx.get("SELECT activated_at FROM accounts WHERE id_number = ? AND state = 'active'", [idNumber]);
  const activatedAt = row ? optionalInt(row, 'activated_at') : null;
  const now = context.now();
  if (activatedAt === null || activatedAt < int(challenge, 'created_at') || now - activatedAt > ACTIVATED_USERNAME_WINDOW_MS) return notFound();
  const account = await findAccount(tx, idNumber);
  if (!account?.mobile) return notFound();
  const payload = JSON.parse(text(challenge, 'payload_json')) as unknown;
  const alreadySent = typeof payload === 'object' && payload !== null && 'usernameSentAt' in payload;
  if (!alreadySent) {
    await sendSms(tx, context, account.mobile, 'usernameRecovery', usernameText(account.username, smsLanguage(sessionLanguage, account.language)));
    await tx.run('UPDATE challenges SET payload_json = ? WHERE challenge_id = ?', [JSON.stringify({ ...(typeof payload === 'object' && payload !== null ? payload : {}), usernameSentAt: now }), challengeId]);
    context.log.info({ kioskId: kiosk.kioskId, idLast4: idNumber.slice(-4) }, 'username sent by SMS after a kiosk activation');
  }
  return success(200, { maskedUsername: maskUsername(account.username), sentTo: maskMobile(account.mobile) });
}

type CheckedAttestation = Result<VerifiedAttestation, AttestationRefusal>;

function refused(context: CentralContext, kiosk: KioskIdentity, refusal: AttestationRefusal): Answer {
  context.log.warn({ kioskId: kiosk.kioskId, reason: refusal.reason }, 'bank attestation refused');
  const detail = refusal.code === 'bank_attestation_expired' ? `The bank attestation is outside its validity window (${refusal.reason}); ask the bank again.` : `The bank attestation is not usable (${refusal.reason}).`;
  return problem(refusal.code, detail);
}

const REPLAYED = () => problem('bank_attestation_replayed', 'This bank attestation has already been used; ask the bank again.');

/** The bank vouched for this ID with a card it linked to it; we check that link is one we know, and that there is an account to activate. */
async function attestedAccount(tx: Tx, context: CentralContext, attestation: VerifiedAttestation) {
  const idNumber = idNumberOrProblem(context, attestation.idNumber);
  if (isAnswer(idNumber)) return idNumber;
  const person = await findPerson(tx, idNumber);
  if (!person) return problem('person_not_found', 'No person with this ID number.');
  const card = await tx.get('SELECT 1 FROM bank_cards WHERE id_number = ? AND pan_last4 = ? AND bank_code = ?', [idNumber, attestation.panLast4, attestation.bankCode]);
  if (!card) return problem('bank_attestation_invalid', 'The bank has no card linked to this ID.');
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('account_not_found', 'There is no account for this ID yet; register first.');
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  return account;
}

/** What the ATM shows for confirmation. Checks everything the request will, but leaves the attestation unused. */
export async function previewBankActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, checked: CheckedAttestation): Promise<Answer> {
  if (!checked.ok) return refused(context, kiosk, checked.error);
  if (await attestationUsed(tx, checked.value)) return REPLAYED();
  const account = await attestedAccount(tx, context, checked.value);
  if (isAnswer(account)) return account;
  return success(200, { idNumberMasked: maskIdNumber(account.idNumber), maskedMobile: account.mobile ? maskMobile(account.mobile) : null, accountState: accountStateOf(account, context.now()) });
}

/**
 * RULES.md "Activate at an ATM": pending_bank now; the central side activates
 * later and sends the SMS. The attestation is spent in the same transaction
 * as the state change, so it activates once; every refusal changes nothing.
 */
export async function requestBankActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, checked: CheckedAttestation): Promise<Answer> {
  if (!checked.ok) return refused(context, kiosk, checked.error);
  const attestation = checked.value;
  const now = context.now();
  if (expiredBy(attestation, now)) return refused(context, kiosk, { code: 'bank_attestation_expired', reason: 'exp passed' });
  if (await attestationUsed(tx, attestation)) {
    context.log.warn({ kioskId: kiosk.kioskId, bankCode: attestation.bankCode }, 'bank attestation replayed');
    return REPLAYED();
  }
  const account = await attestedAccount(tx, context, attestation);
  if (isAnswer(account)) return account;
  await spendAttestation(tx, attestation, now);
  await tx.run("UPDATE accounts SET state = 'pending_bank', bank_requested_at = ?, bank_ref = ? WHERE id_number = ?", [now, `${attestation.bankCode}:${attestation.jti}`, account.idNumber]);
  context.log.info({ kioskId: kiosk.kioskId, bankCode: attestation.bankCode, idLast4: account.idNumber.slice(-4) }, 'bank activation requested');
  return success(202, {
    accountState: 'pending_bank',
    maskedMobile: account.mobile ? maskMobile(account.mobile) : null,
    message: { ar: 'تم استلام الطلب، ستصلك رسالة نصية', en: 'Request received; an SMS will follow.' },
  });
}

/** A temporary password that passes the password rules for this username. */
function temporaryPassword(username: string): string {
  const upper = 'ABCDEFGHJKMNPQRSTUVWXYZ';
  const lower = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  for (;;) {
    const chars = [upper, lower, digits, lower, upper, digits, lower, digits, lower, upper].map((set) => set[randomInt(0, set.length)] ?? 'x');
    const candidate = chars.join('');
    if (checkPassword(candidate, username).ok) return candidate;
  }
}

/**
 * The asynchronous half of the ATM journey: every pending_bank account whose
 * wait is over becomes active, with an SMS that may carry a temporary
 * password to be changed on first sign-in. Returns how many were activated.
 *
 * Exactly once, however runs overlap (two timers, the dev route, two
 * processes on one data dir) and whenever the process stops: each account is
 * one write transaction that moves it only if it is still pending_bank and
 * due (compare-and-set on the row) and records its SMS with it, so either
 * both happen or neither, and a second run finds nothing left to move. One
 * account's failure leaves it pending for the next run and does not stop the
 * others.
 */
export async function completeBankActivations(context: CentralContext, options: { waitOver: boolean } = { waitOver: false }): Promise<number> {
  const dueBy = options.waitOver ? Number.MAX_SAFE_INTEGER : context.now() - context.options.bankActivationDelayMs;
  const due = await context.db.all("SELECT id_number, username FROM accounts WHERE state = 'pending_bank' AND bank_requested_at IS NOT NULL AND bank_requested_at <= ?", [dueBy]);
  let activated = 0;
  for (const row of due) {
    const idNumber = text(row, 'id_number');
    try {
      // scrypt before the transaction, never inside it; wasted if another run gets there first.
      const temporary = context.options.bankActivationTemporaryPassword ? temporaryPassword(text(row, 'username')) : null;
      const temporaryHash = temporary ? await hashSecret(temporary, { N: context.options.scryptCost, r: 8, p: 1 }) : null;
      activated += await context.db.transaction(async (tx) => {
        const account = await findAccount(tx, idNumber);
        if (!account) return 0;
        const moved = await tx.run(
          "UPDATE accounts SET state = 'active', activated_at = ?, password_hash = COALESCE(?, password_hash), must_change_password = ?, failed_attempts = 0, locked_until = NULL WHERE id_number = ? AND state = 'pending_bank' AND bank_requested_at IS NOT NULL AND bank_requested_at <= ?",
          [context.now(), temporaryHash, temporary ? 1 : 0, idNumber, dueBy],
        );
        if (moved.changes !== 1) return 0; // another run, or a kiosk activation, got there first
        await clearAccountAttempts(tx, context, account);
        // No kiosk call causes this SMS (it comes later, from central): the account's language.
        if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', bankActivatedText(temporary, account.language));
        return 1;
      });
    } catch (error) {
      context.log.error({ err: error, idLast4: idNumber.slice(-4) }, 'bank activation failed; it stays pending_bank for the next run');
    }
  }
  if (activated > 0) context.log.info({ activated }, 'bank activations completed');
  return activated;
}
