import type { z } from 'zod';
import type { CentralContext } from '../context';
import type { fingerprintUsernameRecoverySchema, smsUsernameRecoverySchema } from '../../common/wire/citizen';
import { type Answer, success } from '../http/answers';
import type { KioskIdentity } from '../http/kioskIdentity';
import { maskMobile, maskUsername } from '../../common/rules';
import { type Language, smsLanguage, usernameText } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import type { Tx } from '../store/database';
import { confirmAccountChallenge, openChallenge } from './challenges';
import type { Account } from './registry';
import { accountForIdAndMobile } from './passwordReset';
import { isAnswer } from './rulesCheck';
import { heldAccount } from './verifications';

/** Masked on screen, in full by SMS to the account's own mobile (RULES.md "Recover username"). */
async function reveal(tx: Tx, context: CentralContext, account: Account, sessionLanguage: Language | null): Promise<Answer> {
  if (account.mobile) await sendSms(tx, context, account.mobile, 'usernameRecovery', usernameText(account.username, smsLanguage(sessionLanguage, account.language)));
  return success(200, { maskedUsername: maskUsername(account.username), sentTo: account.mobile ? maskMobile(account.mobile) : null });
}

export async function recoverUsernameByFingerprint(
  tx: Tx,
  context: CentralContext,
  kiosk: KioskIdentity,
  body: z.infer<typeof fingerprintUsernameRecoverySchema>,
  sessionLanguage: Language | null,
): Promise<Answer> {
  const found = await heldAccount(tx, context, kiosk.kioskId, body.verificationToken);
  if (isAnswer(found)) return found;
  const { held, account } = found;
  await held.spend();
  return reveal(tx, context, account, sessionLanguage);
}

export async function startSmsUsernameRecovery(tx: Tx, context: CentralContext, kiosk: KioskIdentity, body: z.infer<typeof smsUsernameRecoverySchema>, sessionLanguage: Language | null): Promise<Answer> {
  const account = await accountForIdAndMobile(tx, context, body.idNumber, body.mobile);
  if (isAnswer(account)) return account;
  const { idNumber, mobile } = account;
  return openChallenge(tx, context, { kioskId: kiosk.kioskId, purpose: 'usernameRecovery', idNumber, mobile, language: smsLanguage(sessionLanguage, account.language), payload: {} });
}

export async function confirmSmsUsernameRecovery(tx: Tx, context: CentralContext, kiosk: KioskIdentity, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmAccountChallenge(tx, context, kiosk.kioskId, challengeId, 'usernameRecovery', code);
  if (!confirmed.ok) return confirmed.answer;
  const { account } = confirmed;
  return reveal(tx, context, account, sessionLanguage);
}
