import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { CentralContext } from '../context';
import type { activationSchema, bankAttestationSchema } from '../../common/wire/citizen';
import { hashSecret } from '../credentials/passwords';
import { type Answer, problem, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { checkPassword, maskIdNumber, maskMobile } from '../../common/rules';
import { bankActivatedText, NOTICES } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import { clearAccountAttempts } from './attempts';
import { text } from '../store/columns';
import type { Tx } from '../store/database';
import { confirmChallenge, openChallenge } from './challenges';
import { accountStateOf, findAccount, findPerson } from './registry';
import { idNumberOrProblem, isAnswer } from './rulesCheck';
import { holdVerification, isHeld } from './verifications';

/** RULES.md "Activate at a kiosk": fingerprint → terms → SMS code to the mobile registered to that ID. */
export async function startActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof activationSchema>): Promise<Answer> {
  const held = await holdVerification(tx, context, kiosk.kioskId, body.verificationToken, 'fingerprint');
  if (!isHeld(held)) return held;
  const account = await findAccount(tx, held.idNumber);
  if (!account) return problem('account_not_found', 'There is no account for this ID yet; register first.');
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  if (!body.termsAccepted) return problem('terms_not_accepted', 'Accept the terms of use and privacy policy to activate.');
  if (!account.mobile) return problem('mobile_invalid', 'The account has no mobile number; update it first (fingerprint + new mobile).');
  await held.spend();
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'activation', idNumber: account.idNumber, mobile: account.mobile, language: account.language, payload: {} });
}

export async function confirmActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string): Promise<Answer> {
  const confirmed = await confirmChallenge(tx, context, kiosk.kioskId, challengeId, 'activation', code);
  if (!confirmed.ok) return confirmed.answer;
  const account = await findAccount(tx, confirmed.challenge.idNumber);
  if (!account) return problem('account_not_found', 'The account no longer exists.');
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  await tx.run("UPDATE accounts SET state = 'active', activated_at = ?, bank_requested_at = NULL WHERE id_number = ?", [context.now(), account.idNumber]);
  if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', NOTICES.activated[account.language]);
  context.log.info({ kioskId: kiosk.kioskId, idLast4: account.idNumber.slice(-4) }, 'account activated at a kiosk');
  return success(200, { accountState: 'active', username: account.username, maskedMobile: account.mobile ? maskMobile(account.mobile) : null, idNumberLast4: account.idNumber.slice(-4) });
}

type BankAttestation = z.infer<typeof bankAttestationSchema>;

/** The bank vouched for this ID with a card it linked to it; we check that link is one we know. */
async function attestedAccount(tx: Tx, context: CentralContext, body: BankAttestation) {
  const idNumber = idNumberOrProblem(context, body.idNumber);
  if (isAnswer(idNumber)) return idNumber;
  const person = await findPerson(tx, idNumber);
  if (!person) return problem('person_not_found', 'No person with this ID number.');
  const card = await tx.get('SELECT 1 FROM bank_cards WHERE id_number = ? AND pan_last4 = ? AND bank_code = ?', [idNumber, body.bank.panLast4, body.bank.bankCode]);
  if (!card) return problem('bank_attestation_invalid', 'The bank has no card linked to this ID.');
  const account = await findAccount(tx, idNumber);
  if (!account) return problem('account_not_found', 'There is no account for this ID yet; register first.');
  if (account.state === 'active') return problem('account_already_active', 'This account is already active.');
  return account;
}

export async function previewBankActivation(tx: Tx, context: CentralContext, body: BankAttestation): Promise<Answer> {
  const account = await attestedAccount(tx, context, body);
  if (isAnswer(account)) return account;
  return success(200, { idNumberMasked: maskIdNumber(account.idNumber), maskedMobile: account.mobile ? maskMobile(account.mobile) : null, accountState: accountStateOf(account, context.now()) });
}

/** RULES.md "Activate at an ATM": pending_bank now; the central side activates later and sends the SMS. */
export async function requestBankActivation(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: BankAttestation): Promise<Answer> {
  const account = await attestedAccount(tx, context, body);
  if (isAnswer(account)) return account;
  await tx.run("UPDATE accounts SET state = 'pending_bank', bank_requested_at = ?, bank_ref = ? WHERE id_number = ?", [context.now(), `${body.bank.bankCode}:${body.bank.attestationRef}`, account.idNumber]);
  context.log.info({ kioskId: kiosk.kioskId, idLast4: account.idNumber.slice(-4) }, 'bank activation requested');
  return success(202, {
    accountState: 'pending_bank',
    maskedMobile: account.mobile ? maskMobile(account.mobile) : null,
    message: { ar: 'تم استلام الطلب، ستصلك رسالة نصية', en: 'Request received; an SMS will follow.' },
  });
}

/** A temporary password that passes the password rules for this username. */
export function temporaryPassword(username: string): string {
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
 */
export async function completeBankActivations(context: CentralContext, options: { waitOver: boolean } = { waitOver: false }): Promise<number> {
  const dueBy = options.waitOver ? Number.MAX_SAFE_INTEGER : context.now() - context.options.bankActivationDelayMs;
  const due = await context.db.all("SELECT id_number, username FROM accounts WHERE state = 'pending_bank' AND bank_requested_at IS NOT NULL AND bank_requested_at <= ?", [dueBy]);
  let activated = 0;
  for (const row of due) {
    const idNumber = text(row, 'id_number');
    const temporary = context.options.bankActivationTemporaryPassword ? temporaryPassword(text(row, 'username')) : null;
    const temporaryHash = temporary ? await hashSecret(temporary, { N: context.options.scryptCost, r: 8, p: 1 }) : null;
    activated += await context.db.transaction(async (tx) => {
      const account = await findAccount(tx, idNumber);
      if (!account || account.state !== 'pending_bank') return 0; // a kiosk activation got there first
      await tx.run(
        "UPDATE accounts SET state = 'active', activated_at = ?, password_hash = COALESCE(?, password_hash), must_change_password = ?, failed_attempts = 0, locked_until = NULL WHERE id_number = ?",
        [context.now(), temporaryHash, temporary ? 1 : 0, idNumber],
      );
      await clearAccountAttempts(tx, context, account);
      if (account.mobile) await sendSms(tx, context, account.mobile, 'notification', bankActivatedText(temporary, account.language));
      return 1;
    });
  }
  if (activated > 0) context.log.info({ activated }, 'bank activations completed');
  return activated;
}
