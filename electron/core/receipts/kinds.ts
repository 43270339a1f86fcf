import { z } from 'zod';
import { demoBranding } from '../../../common/demo/kioskDefaults';
import { checkFreeText } from '../../../common/rules/freeText';

/**
 * What each receipt kind is given to print. Only masked values get in: an ID
 * number as its last four digits, a mobile as `05X XXX X123`, a username as
 * the portal shows it (`A1*****9`); never a password or a code. The schemas
 * refuse anything else, so a caller cannot put PII on paper by mistake.
 */

/** Short printable text: no control or bidi-override characters (they would reorder what is printed). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => checkFreeText(value, { minLength: 1, maxLength: max }).ok, 'printable text without control or bidi-override characters');

const localized = (max = 80) => z.object({ ar: text(max), en: text(max) });
export type Localized = { readonly ar: string; readonly en: string };

const idNumberLast4 = z.string().regex(/^[0-9]{4}$/, 'the last four digits of the ID number');
/** As common/rules/mobile maskMobile. */
const maskedMobile = z.string().regex(/^05X XXX X[0-9]{3}$/, 'a mobile masked as 05X XXX X123');
/** As common/rules/username maskUsername: at most the first two and the last character shown. */
const maskedUsername = z.string().regex(/^[A-Za-z0-9]{0,2}\*{1,30}[A-Za-z0-9]?$/, 'a username masked as A1*****9');
const reference = z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'letters, digits and dashes');
const httpsUrl = z.url({ protocol: /^https$/ }).max(200);

export const RECEIPT_LEVELS = ['green', 'amber', 'red'] as const;
export type ReceiptLevel = (typeof RECEIPT_LEVELS)[number];

/** On every receipt: where, when, and the transaction it belongs to. */
const common = {
  kioskId: reference,
  /** The transaction reference the portal and the support line know. */
  reference,
  at: z.union([z.date(), z.iso.datetime({ offset: true })]).transform((at) => (at instanceof Date ? at : new Date(at))),
  /** Clock time on paper is local time here. */
  timeZone: z.string().default('Asia/Riyadh'),
  portalName: localized().default(demoBranding.portalName),
  supportNumber: z.string().regex(/^[0-9+ ]{3,20}$/).default(demoBranding.supportNumber),
};

/** As common/rules/email maskEmail: at most two characters of the name before the @, the domain as it is. */
const maskedEmail = z.string().max(254).regex(/^[^\s@*]{0,2}\*{3,}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'an e-mail masked as ab****@example.com');
/** A postal code's last two digits only: `***45`. */
const maskedPostalCode = z.string().regex(/^\*{3}[0-9]{2}$/, 'a postal code masked as ***45');

/** One label and its value as the result screen showed it (a masked number arrives masked). */
const resultCell = z.object({ label: localized(), value: z.union([text(120), localized(120)]) }).strict();
/** At most this many rows of a table go on paper; the others are counted (`more`). */
export const RECEIPT_TABLE_ROWS = 20;
const resultSection = z
  .object({
    title: localized(120).optional(),
    /** A `fields` section is one group; a table one group per row. */
    groups: z.array(z.array(resultCell).min(1).max(20)).max(RECEIPT_TABLE_ROWS),
    /** Rows of the table not printed (see the portal for all). */
    more: z.number().int().min(0).max(10_000).default(0),
    /** What a table with no row says ("you have no violations"). */
    empty: localized(200).optional(),
  })
  .strict();
const serviceResult = z
  .object({
    ...common,
    idNumberLast4: idNumberLast4.optional(),
    /** The service's title as the catalogue names it. */
    service: localized(),
    sections: z.array(resultSection).min(1).max(6),
    detailsUrl: httpsUrl.optional(),
  })
  .strict();

export const receiptSchemas = {
  accountActivated: z.object({ ...common, idNumberLast4, maskedMobile: maskedMobile.nullable().default(null), signInUrl: httpsUrl.optional() }).strict(),
  atmActivationRequested: z.object({ ...common, idNumberLast4, maskedMobile, bankReference: reference.optional() }).strict(),
  passwordRecovered: z.object({ ...common, idNumberLast4, signInUrl: httpsUrl.optional() }).strict(),
  usernameRecovered: z.object({ ...common, idNumberLast4, maskedUsername, sentTo: maskedMobile.nullable() }).strict(),
  mobileChanged: z.object({ ...common, idNumberLast4, maskedMobile }).strict(),
  /** An inquiry of the catalogue: its title and what its result screen showed, section by section (masked as shown). */
  inquiryResult: serviceResult,
  /** A form of the catalogue (the objection to a violation): what its result screen showed. */
  formSubmitted: serviceResult,
  /** Edit user information: the e-mail changed, shown as `ab****@example.com`. */
  emailChanged: z.object({ ...common, idNumberLast4, maskedEmail }).strict(),
  /** Edit user information: the national address changed; only its city (in both languages: common/rules/cities), district and the postal code's last two digits. */
  addressChanged: z.object({ ...common, idNumberLast4, city: localized(80), district: text(80), postalCode: maskedPostalCode }).strict(),
  technicianReadiness: z
    .object({
      ...common,
      /** The technician card's last four characters. */
      technicianLast4: z.string().regex(/^[A-Za-z0-9]{4}$/).optional(),
      overall: z.enum(RECEIPT_LEVELS),
      checks: z
        .array(
          z
            .object({
              label: localized(),
              level: z.enum(RECEIPT_LEVELS),
              /** Automatic checks run now; manual ones show the technician's last result. */
              kind: z.enum(['automatic', 'manual']).default('automatic'),
              detail: text(120).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(40),
    })
    .strict(),
} as const;

export type ReceiptKind = keyof typeof receiptSchemas;
export const RECEIPT_KINDS = Object.keys(receiptSchemas) as ReceiptKind[];

/** What a caller passes (defaults may be left out). */
export type ReceiptInput<K extends ReceiptKind> = z.input<(typeof receiptSchemas)[K]>;
/** What a template gets (defaults filled in, the time a Date). */
export type ReceiptData<K extends ReceiptKind> = z.output<(typeof receiptSchemas)[K]>;
