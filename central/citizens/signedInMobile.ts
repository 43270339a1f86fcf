import { z } from 'zod';
import type { CentralContext } from '../context';
import type { signedInMobileChangeSchema } from '../../common/wire/citizen';
import { type Answer, problem } from '../http/answers';
import { type Language, smsLanguage } from '../sms/messages';
import type { Tx } from '../store/database';
import { openChallenge } from './challenges';
import { moveMobile } from './mobileChange';
import { confirmForAccount, SESSION_GONE, type Signed } from './profile';
import { findAccount } from './registry';
import { isAnswer, mobileOrProblem } from './rulesCheck';

/**
 * RULES.md "Change mobile while signed in": a code to the registered mobile
 * (it is the person's), then a code to the new number (it is theirs too),
 * then the number moves to the account and leaves any other, as the lost
 * number route does. A person who lost the registered number uses that
 * route (fingerprint, updateMobile) instead.
 */

const pendingSchema = z.object({ newMobile: z.string() });

export async function startSignedInMobileChange(tx: Tx, context: CentralContext, who: Signed, body: z.infer<typeof signedInMobileChangeSchema>, sessionLanguage: Language | null): Promise<Answer> {
  const account = await findAccount(tx, who.idNumber);
  if (!account) return problem('session_invalid', SESSION_GONE);
  const mobile = mobileOrProblem(body.newMobile);
  if (isAnswer(mobile)) return mobile;
  if (mobile === account.mobile) return problem('mobile_unchanged', 'That is already the account’s mobile number.', { violations: ['mobile_unchanged'] });
  if (!account.mobile) return problem('mobile_invalid', 'The account has no registered mobile: use the lost-number route (fingerprint).');
  const language = smsLanguage(sessionLanguage, account.language);
  return openChallenge(tx, context, { kioskId: who.kioskId, purpose: 'mobileChangeCurrent', idNumber: account.idNumber, mobile: account.mobile, language, payload: { newMobile: mobile } });
}

/** The registered mobile's code was right: now a code to the new number. */
export async function confirmCurrentMobile(tx: Tx, context: CentralContext, who: Signed, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmForAccount(tx, context, who, challengeId, 'mobileChangeCurrent', code, pendingSchema);
  if (!confirmed.ok) return confirmed.answer;
  const { account, pending: { newMobile } } = confirmed;
  const language = smsLanguage(sessionLanguage, account.language);
  return openChallenge(tx, context, { kioskId: who.kioskId, purpose: 'mobileChangeNew', idNumber: account.idNumber, mobile: newMobile, language, payload: { newMobile } });
}

/** The new number's code was right: the number moves to this account. */
export async function confirmNewMobile(tx: Tx, context: CentralContext, who: Signed, challengeId: string, code: string, sessionLanguage: Language | null): Promise<Answer> {
  const confirmed = await confirmForAccount(tx, context, who, challengeId, 'mobileChangeNew', code, pendingSchema);
  if (!confirmed.ok) return confirmed.answer;
  return moveMobile(tx, context, who.kioskId, confirmed.account, confirmed.pending.newMobile, sessionLanguage);
}
