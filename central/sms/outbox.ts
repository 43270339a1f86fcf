import type { CentralContext } from '../context';
import type { CodePurpose as ChallengePurpose } from '../../common/codePurposes';
import type { Tx } from '../store/database';

/** What an SMS is for: a code (its challenge's purpose), a notice, a receipt. */
type SmsPurpose = ChallengePurpose | 'notification' | 'receipt';

/**
 * The SMS gateway stand-in: a message is "sent" by recording it, in the same
 * transaction as the change it reports, so no SMS goes out for a change that
 * rolled back. Every profile logs who, what for and when (sms_log); only the
 * demo profile keeps the text and code, in its own table (GET /dev/sms).
 */
export async function sendSms(tx: Tx, context: CentralContext, to: string, purpose: SmsPurpose, text: string, code: string | null = null): Promise<void> {
  const sentAt = context.now();
  await tx.run('INSERT INTO sms_log (to_mobile, purpose, sent_at) VALUES (?, ?, ?)', [to, purpose, sentAt]);
  if (context.options.profile === 'demo') {
    await tx.run('INSERT INTO sms_outbox (to_mobile, purpose, text, code, sent_at) VALUES (?, ?, ?, ?, ?)', [to, purpose, text, code, sentAt]);
  }
}
