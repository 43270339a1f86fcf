import { z } from 'zod';
import { base64 } from './cardReader';

/** Printer.PrintRaw: bytes as the printer takes them (ESC/POS here), base64 on the wire. */

export const printRawCommand = z.object({
  inputData: z.enum(['no', 'yes']).optional(),
  data: base64,
});

export const PRINT_RAW_ERROR_CODES = ['shutterFail', 'mediaJammed', 'paperJammed', 'paperOut', 'tonerOut', 'mediaRetained', 'blackMark', 'mediaRetracted'] as const;

export const printRawCompletion = z.object({
  errorCode: z.string().optional(),
  /** Input data the printer read back, when `inputData` was `yes`. */
  data: base64.optional(),
});

const paperSupply = z.enum(['unknown', 'full', 'low', 'out', 'jammed', 'notSupported']);

/** `printer` in Common.Status. */
export const printerStatus = z.object({
  media: z.enum(['unknown', 'present', 'notPresent', 'jammed', 'entering', 'retracted']).optional(),
  paper: z.object({ upper: paperSupply.optional() }).optional(),
});
