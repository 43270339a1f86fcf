import { z } from 'zod';
import { resultReceiptKinds, smsReceiptKinds } from '../receipts';

/** The renderer names a receipt kind and nothing else: no text, no data, no language. */
export const receiptProcedureSchemas = {
  printReceipt: z.object({ receipt: z.enum(resultReceiptKinds) }).strict(),
  sendReceiptSms: z.object({ receipt: z.enum(smsReceiptKinds) }).strict(),
} as const;
