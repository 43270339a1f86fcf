import type { Tx } from '../store/database';

export type SmsPurpose =
  | 'registration'
  | 'activation'
  | 'signIn'
  | 'passwordReset'
  | 'usernameRecovery'
  | 'mobileChange'
  | 'notification';

/**
 * The SMS gateway stand-in: a message is "sent" by recording it, in the same
 * transaction as the change it reports, so no SMS goes out for a change that
 * rolled back. GET /dev/sms reads it in the demo profile.
 */
export async function sendSms(tx: Tx, sentAt: number, to: string, purpose: SmsPurpose, text: string, code: string | null = null): Promise<void> {
  await tx.run('INSERT INTO sms_outbox (to_mobile, purpose, text, code, sent_at) VALUES (?, ?, ?, ?, ?)', [to, purpose, text, code, sentAt]);
}
