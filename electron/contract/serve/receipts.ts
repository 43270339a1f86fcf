import { z } from 'zod';
import { journeyReceiptKinds } from '../receipts';

/** The renderer names a receipt kind and nothing else: no text, no data, no language. */
export const receiptProcedureSchemas = {
  printReceipt: z.object({ receipt: z.enum(journeyReceiptKinds) }).strict(),
  sendReceiptSms: z.object({ receipt: z.enum(journeyReceiptKinds) }).strict(),
} as const;
