import { z } from 'zod';
import { atmServiceIds } from '../atm';
import { journeyServices } from '../journeys';
import { languages } from '../session';
import { noInput } from './noInput';

// Bounds only: the rules themselves (ID number, mobile, username, password, e-mail, code) are checked by the core.
const secret = z.string().min(1).max(128);
/** A national address part as typed (may be empty: the core names what is missing). */
const part = z.string().max(200);
const bare = <T extends string>(type: T) => z.object({ type: z.literal(type) }).strict();

/** Every event the renderer may send to a journey (`JourneyEvent`), discriminated on `type`. */
export const journeyEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SUBMIT_ID'), idNumber: z.string().min(1).max(20) }).strict(),
  bare('USE_CARD'),
  z.object({ type: z.literal('SUBMIT_CREDENTIALS'), login: z.string().min(1).max(64).optional(), password: secret }).strict(),
  z.object({ type: z.literal('SUBMIT_CODE'), code: z.string().min(1).max(12) }).strict(),
  bare('RESEND_CODE'),
  bare('ACCEPT_TERMS'),
  bare('CONFIRM_ACTIVATION'),
  z.object({ type: z.literal('SUBMIT_MOBILE'), mobile: z.string().min(1).max(24) }).strict(),
  z.object({ type: z.literal('SUBMIT_SECURITY_ANSWER'), answer: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal('SUBMIT_USERNAME'), username: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('SUBMIT_PASSWORD'), password: secret, confirmation: secret }).strict(),
  z.object({ type: z.literal('SUBMIT_EMAIL'), email: z.string().min(1).max(254), confirmation: z.string().min(1).max(254) }).strict(),
  z.object({ type: z.literal('SUBMIT_CURRENT_PASSWORD'), password: secret }).strict(),
  z.object({
    type: z.literal('SUBMIT_ADDRESS'),
    address: z
      .object({
        buildingNumber: part,
        street: part,
        district: part,
        city: part,
        postalCode: part,
        additionalNumber: part,
        unit: part.optional(),
      })
      .strict(),
  }).strict(),
  z.object({ type: z.literal('CHOOSE_LANGUAGE'), language: z.enum(languages) }).strict(),
  bare('RETRY'),
  bare('USE_ALTERNATIVE'),
  bare('BACK'),
  bare('ACTIVATE_NOW'),
  bare('SIGN_IN_NOW'),
  bare('SEND_USERNAME'),
  bare('RECOVER_PASSWORD'),
  bare('SIGN_OUT'),
  bare('FINISH'),
  z.object({ type: z.literal('CHOOSE_SERVICE'), service: z.enum(atmServiceIds) }).strict(),
  bare('PRINT_RECEIPT'),
  bare('CANCEL'),
]);

export const journeyProcedureSchemas = {
  startJourney: z.object({ service: z.enum(journeyServices) }).strict(),
  journeyEvent: journeyEventSchema,
  cancelJourney: noInput,
} as const;
