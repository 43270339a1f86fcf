import type { CentralContext } from '../context';
import { keyedHash } from '../credentials/keyed';
import { newToken } from '../credentials/tokens';
import { maskMobile } from '../../common/rules';
import { type Answer, problem, success } from '../http/answers';
import { int, optionalInt, text } from '../store/columns';
import type { Tx } from '../store/database';
import { type Account, accountStateOf, findAccount, type Person } from './registry';

type VerificationMethod = 'fingerprint' | 'idCard';

async function issueVerification(tx: Tx, context: CentralContext, kioskId: string, idNumber: string, method: VerificationMethod): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = context.now() + context.options.verificationTokenSeconds * 1000;
  await tx.run('INSERT INTO verification_tokens (token_hash, kiosk_id, id_number, method, expires_at) VALUES (?, ?, ?, ?, ?)', [keyedHash(context.hashKey, 'verification', token), kioskId, idNumber, method, expiresAt]);
  return { token, expiresAt };
}

interface HeldVerification {
  readonly idNumber: string;
  readonly method: VerificationMethod;
  /** Marks the token used: call it only when the journey step succeeds, so a typo does not cost a new fingerprint. */
  spend(): Promise<void>;
}

/** A verification token presented for a journey step: this kiosk's, unused, unexpired and (when asked) by fingerprint. */
export async function holdVerification(tx: Tx, context: CentralContext, kioskId: string, token: string, needs: VerificationMethod | 'any'): Promise<HeldVerification | Answer> {
  const tokenHash = keyedHash(context.hashKey, 'verification', token);
  const row = await tx.get('SELECT * FROM verification_tokens WHERE token_hash = ?', [tokenHash]);
  if (!row || text(row, 'kiosk_id') !== kioskId || optionalInt(row, 'used_at') !== null || int(row, 'expires_at') <= context.now()) {
    return problem('verification_token_invalid', 'Verify the person again: this verification is unknown, used or expired.');
  }
  const method = text(row, 'method') === 'fingerprint' ? 'fingerprint' : 'idCard';
  if (needs !== 'any' && method !== needs) {
    return problem('verification_method_insufficient', 'This step needs a fingerprint verification.');
  }
  return {
    idNumber: text(row, 'id_number'),
    method,
    spend: async () => {
      await tx.run('UPDATE verification_tokens SET used_at = ? WHERE token_hash = ?', [context.now(), tokenHash]);
    },
  };
}

export function isHeld(value: HeldVerification | Answer): value is HeldVerification {
  return 'spend' in value;
}

/** A fingerprint verification held for this kiosk, and the account of the ID it verified (`account_not_found` when there is none). */
export async function heldAccount(tx: Tx, context: CentralContext, kioskId: string, token: string, noAccount = 'There is no account for this ID.'): Promise<{ held: HeldVerification; account: Account } | Answer> {
  const held = await holdVerification(tx, context, kioskId, token, 'fingerprint');
  if (!isHeld(held)) return held;
  const account = await findAccount(tx, held.idNumber);
  return account ? { held, account } : problem('account_not_found', noAccount);
}

/** The person is verified (by `method`): a token for this kiosk, and what the screen may show of them and their account. */
export async function verifiedAnswer(tx: Tx, context: CentralContext, kioskId: string, person: Person, method: VerificationMethod): Promise<Answer> {
  const account = await findAccount(tx, person.idNumber);
  const { token, expiresAt } = await issueVerification(tx, context, kioskId, person.idNumber, method);
  return success(200, {
    verificationToken: token,
    method,
    expiresAt: new Date(expiresAt).toISOString(),
    holder: { nameAr: person.nameAr, nameEn: person.nameEn, holderType: person.holderType },
    accountState: accountStateOf(account, context.now()),
    maskedMobile: account?.mobile ? maskMobile(account.mobile) : null,
  });
}
