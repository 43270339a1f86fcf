import type { z } from 'zod';
import type { smsMessageSchema } from '../../common/wire/dev';
import type { CentralContext } from '../context';
import { normaliseMobile } from '../../common/rules';
import { int, optionalText, text } from '../store/columns';

/** One sent SMS as `/dev/sms` answers it (common/wire's smsMessageSchema). */
export type SmsRecord = z.infer<typeof smsMessageSchema>;

/** Newest first. */
export async function recentSms(context: CentralContext, mobile: string | undefined, limit: number): Promise<SmsRecord[] | 'badMobile'> {
  let rows;
  if (mobile !== undefined) {
    const normalised = normaliseMobile(mobile);
    if (!normalised.ok) return 'badMobile';
    rows = await context.db.all('SELECT * FROM sms_outbox WHERE to_mobile = ? ORDER BY id DESC LIMIT ?', [normalised.value, limit]);
  } else {
    rows = await context.db.all('SELECT * FROM sms_outbox ORDER BY id DESC LIMIT ?', [limit]);
  }
  return rows.map((row) => ({
    id: int(row, 'id'),
    to: text(row, 'to_mobile'),
    purpose: text(row, 'purpose'),
    text: text(row, 'text'),
    code: optionalText(row, 'code'),
    sentAt: new Date(int(row, 'sent_at')).toISOString(),
  }));
}
