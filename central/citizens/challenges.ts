import { timingSafeEqual } from 'node:crypto';
import type { CentralContext } from '../context';
import { type Answer, problem, success } from '../http/answers';
import { maskMobile, normaliseOtp } from '../../common/rules';
import { codeText, type Language, smsLanguage } from '../sms/messages';
import { sendSms } from '../sms/outbox';
import { keyedHash } from '../credentials/keyed';
import { newId, newOtp } from '../credentials/tokens';
import { int, optionalInt, text } from '../store/columns';
import type { Tx } from '../store/database';
import { type Account, findAccount } from './registry';

import type { CodePurpose as ChallengePurpose } from '../../common/codePurposes';

export type { ChallengePurpose };

export interface OpenedChallenge {
  readonly challengeId: string;
  readonly idNumber: string;
  readonly mobile: string;
  readonly payload: unknown;
}

const HOUR_MS = 3_600_000;
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** RULES.md: at most N sends an hour per ID, counted across every journey. */
async function sendLimitProblem(tx: Tx, context: CentralContext, idNumber: string): Promise<Answer | null> {
  const now = context.now();
  const row = await tx.get('SELECT COUNT(*) AS sends, MIN(sent_at) AS oldest FROM otp_sends WHERE id_number = ? AND sent_at > ?', [idNumber, now - HOUR_MS]);
  const sends = row ? int(row, 'sends') : 0;
  if (sends < context.options.rules.otpMaxSendsPerHour) return null;
  const oldest = row ? (optionalInt(row, 'oldest') ?? now) : now;
  return problem('otp_send_limit', `At most ${context.options.rules.otpMaxSendsPerHour} codes an hour for one ID.`, {
    retryAfterSeconds: seconds(oldest + HOUR_MS - now),
  });
}

async function deliverCode(tx: Tx, context: CentralContext, challengeId: string, idNumber: string, mobile: string, purpose: ChallengePurpose, language: Language): Promise<Answer> {
  const { rules } = context.options;
  const now = context.now();
  const code = newOtp(rules.otpLength);
  const expiresAt = now + rules.otpTtlSeconds * 1000;
  const resendAfter = now + rules.otpResendAfterSeconds * 1000;
  await tx.run("UPDATE challenges SET code_hash = ?, expires_at = ?, resend_after = ?, wrong_entries = 0, state = 'open' WHERE challenge_id = ?", [
    keyedHash(context.hashKey, 'otp', `${challengeId}:${code}`),
    expiresAt,
    resendAfter,
    challengeId,
  ]);
  await tx.run('INSERT INTO otp_sends (id_number, sent_at) VALUES (?, ?)', [idNumber, now]);
  await sendSms(tx, context, mobile, purpose, codeText(purpose, code, Math.round(rules.otpTtlSeconds / 60), language), code);
  return success(202, {
    challengeId,
    codeSentTo: maskMobile(mobile),
    codeLength: rules.otpLength,
    expiresAt: new Date(expiresAt).toISOString(),
    resendAfter: new Date(resendAfter).toISOString(),
    // The same instants as durations from this answer, so a client never compares central's clock with its own.
    expiresInSeconds: Math.max(0, Math.round((expiresAt - now) / 1000)),
    resendAfterSeconds: Math.max(0, Math.round((resendAfter - now) / 1000)),
  });
}

/**
 * What a pending change carries (a new password's hash, an e-mail, a new
 * mobile, a registration's hashes) stays in `payload_json` only while the
 * change can still happen. It is cleared (`'null'`) in the transaction that
 * ends it: the right code (used), a new challenge for the same ID and
 * journey (superseded), or the end of its last code's life plus the time
 * allowed to ask for a new one (`otpTtlSeconds` again; a code voided by
 * wrong entries stops working as it is voided). A cleared challenge cannot
 * be resent: the person starts the change again.
 */
const ENDED = "'null'";

/** Clears every pending change whose time is up; run by every challenge transaction and periodically (server.ts). */
export async function endLapsedChallenges(tx: Tx, context: CentralContext): Promise<number> {
  const lapsedBefore = context.now() - context.options.rules.otpTtlSeconds * 1000;
  const { changes } = await tx.run(`UPDATE challenges SET payload_json = ${ENDED} WHERE state != 'used' AND payload_json != ${ENDED} AND expires_at <= ?`, [lapsedBefore]);
  return changes;
}

/** Opens a challenge and sends its code; a new challenge voids any open one for the same ID and journey. */
export async function openChallenge(
  tx: Tx,
  context: CentralContext,
  input: { kioskId: string; purpose: ChallengePurpose; idNumber: string; mobile: string; language: Language; payload: unknown },
): Promise<Answer> {
  await endLapsedChallenges(tx, context);
  const limited = await sendLimitProblem(tx, context, input.idNumber);
  if (limited) return limited;
  // Superseded: the earlier change for this ID and journey (open, or voided and waiting for a resend) is over.
  await tx.run(`UPDATE challenges SET state = 'voided', payload_json = ${ENDED} WHERE id_number = ? AND purpose = ? AND state != 'used' AND payload_json != ${ENDED}`, [
    input.idNumber,
    input.purpose,
  ]);
  const challengeId = newId('CH-', 12);
  await tx.run(
    `INSERT INTO challenges (challenge_id, kiosk_id, purpose, id_number, mobile, code_hash, expires_at, resend_after, state, payload_json, created_at)
     VALUES (?, ?, ?, ?, ?, '', 0, 0, 'open', ?, ?)`,
    [challengeId, input.kioskId, input.purpose, input.idNumber, input.mobile, JSON.stringify(input.payload ?? {}), context.now()],
  );
  return deliverCode(tx, context, challengeId, input.idNumber, input.mobile, input.purpose, input.language);
}

/** A new code for a pending challenge: the old code stops working. It goes out in the session's language if the kiosk said it. */
export async function resendChallenge(tx: Tx, context: CentralContext, kioskId: string, challengeId: string, sessionLanguage: Language | null): Promise<Answer> {
  await endLapsedChallenges(tx, context);
  const row = await tx.get('SELECT * FROM challenges WHERE challenge_id = ? AND kiosk_id = ?', [challengeId, kioskId]);
  if (!row || text(row, 'state') === 'used' || text(row, 'payload_json') === 'null') return problem('challenge_not_found', 'No pending code with this id for this kiosk; start again.');
  const now = context.now();
  const resendAfter = int(row, 'resend_after');
  if (now < resendAfter) {
    return problem('otp_resend_too_soon', 'A new code can be sent shortly.', { retryAfterSeconds: seconds(resendAfter - now) });
  }
  const idNumber = text(row, 'id_number');
  const limited = await sendLimitProblem(tx, context, idNumber);
  if (limited) return limited;
  const language = smsLanguage(sessionLanguage, await languageFor(tx, idNumber, row));
  return deliverCode(tx, context, challengeId, idNumber, text(row, 'mobile'), text(row, 'purpose') as ChallengePurpose, language);
}

/** Without the session's language: the language a registration chose, else the account's. */
async function languageFor(tx: Tx, idNumber: string, challenge: Record<string, unknown>): Promise<Language> {
  const payload = JSON.parse(text(challenge, 'payload_json')) as unknown;
  if (typeof payload === 'object' && payload !== null && 'language' in payload && (payload.language === 'ar' || payload.language === 'en')) return payload.language;
  const account = await tx.get('SELECT language FROM accounts WHERE id_number = ?', [idNumber]);
  return account && text(account, 'language') === 'en' ? 'en' : 'ar';
}

/**
 * Checks an entered code. Wrong entries count and commit with the answer;
 * the last allowed wrong entry voids the code. A right code uses the
 * challenge up, so the same challenge cannot be confirmed twice.
 */
export async function confirmChallenge(
  tx: Tx,
  context: CentralContext,
  kioskId: string,
  challengeId: string,
  purpose: ChallengePurpose,
  entered: string,
): Promise<{ ok: true; challenge: OpenedChallenge } | { ok: false; answer: Answer }> {
  await endLapsedChallenges(tx, context);
  const row = await tx.get('SELECT * FROM challenges WHERE challenge_id = ? AND kiosk_id = ? AND purpose = ?', [challengeId, kioskId, purpose]);
  if (!row || text(row, 'state') === 'used') return { ok: false, answer: problem('challenge_not_found', 'No pending code with this id for this journey and kiosk.') };
  if (text(row, 'state') === 'voided') return { ok: false, answer: problem('otp_voided', 'This code is void; ask for a new one.', { attemptsRemaining: 0 }) };
  if (context.now() >= int(row, 'expires_at')) return { ok: false, answer: problem('otp_expired', 'This code has expired; ask for a new one.') };

  const { rules } = context.options;
  const code = normaliseOtp(entered, rules.otpLength);
  const expected = Buffer.from(text(row, 'code_hash'), 'hex');
  const given = Buffer.from(keyedHash(context.hashKey, 'otp', `${challengeId}:${code ?? '-'}`), 'hex');
  if (code === undefined || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    const wrong = int(row, 'wrong_entries') + 1;
    const voided = wrong >= rules.otpMaxWrongEntries;
    // A voided code stops working now: the change waits otpTtlSeconds more for a resend, then ends (endLapsedChallenges).
    await tx.run('UPDATE challenges SET wrong_entries = ?, state = ?, expires_at = ? WHERE challenge_id = ?', [wrong, voided ? 'voided' : 'open', voided ? Math.min(int(row, 'expires_at'), context.now()) : int(row, 'expires_at'), challengeId]);
    return voided
      ? { ok: false, answer: problem('otp_voided', 'Too many wrong entries: this code is void; ask for a new one.', { attemptsRemaining: 0 }) }
      : { ok: false, answer: problem('otp_wrong', 'The code is wrong.', { attemptsRemaining: rules.otpMaxWrongEntries - wrong }) };
  }
  // Used: what the change carried is handed to the caller and leaves the table in this same transaction.
  await tx.run(`UPDATE challenges SET state = 'used', payload_json = ${ENDED} WHERE challenge_id = ?`, [challengeId]);
  return {
    ok: true,
    challenge: { challengeId, idNumber: text(row, 'id_number'), mobile: text(row, 'mobile'), payload: JSON.parse(text(row, 'payload_json')) as unknown },
  };
}

/** A right code (confirmChallenge) and the account it was sent for, still there. */
export async function confirmAccountChallenge(tx: Tx, context: CentralContext, kioskId: string, challengeId: string, purpose: ChallengePurpose, code: string): Promise<{ ok: true; challenge: OpenedChallenge; account: Account } | { ok: false; answer: Answer }> {
  const confirmed = await confirmChallenge(tx, context, kioskId, challengeId, purpose, code);
  if (!confirmed.ok) return confirmed;
  const account = await findAccount(tx, confirmed.challenge.idNumber);
  if (!account) return { ok: false, answer: problem('account_not_found', 'The account no longer exists.') };
  return { ok: true, challenge: confirmed.challenge, account };
}
