import { z } from 'zod';
import { FINGER_NAMES } from '../fingers';
import { checkFreeText, FREE_TEXT_FIELDS, type FreeTextRules } from '../rules';

/*
 * Citizen journeys. Bodies are typed loosely on purpose where RULES.md has a
 * rule (ID number, mobile, username, password, e-mail): the server applies the
 * rule itself and answers with the rule's own problem code, not a schema error.
 */

const idNumber = z.string().min(1).max(20).describe('National ID / iqama number; Eastern Arabic digits accepted.');
const mobile = z.string().min(1).max(24).describe('05…, 5…, 9665…, +9665… or 009665…; spaces and Eastern Arabic digits accepted.');
const secret = z.string().min(1).max(128);
const code = z.string().min(1).max(12).describe('The SMS code (رمز التحقق).');
const token = z.string().min(16).max(128);
/** Text people will read: the shared free-text rule (rules/freeText.ts) is the schema's final word; handlers store its NFC form. */
const freeText = (rules: FreeTextRules) =>
  z
    .string()
    .min(rules.minLength)
    .max(rules.maxLength)
    .superRefine((value, context) => {
      const check = checkFreeText(value, rules);
      if (!check.ok) context.addIssue({ code: 'custom', message: `free text refused: ${check.violations.join(', ')}` });
    });
const localized = z.object({ ar: z.string(), en: z.string() }).meta({ id: 'LocalizedText' });

export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/)
    .describe('The kiosk’s transaction id for this action. A retry with the same key returns the original answer.'),
});

/** The kiosk's two languages: the one the person is using at the screen is sent on every citizen call. */
export const SESSION_LANGUAGES = ['ar', 'en'] as const;
export type SessionLanguage = (typeof SESSION_LANGUAGES)[number];

/**
 * `Accept-Language`, read strictly: exactly `ar` or `en` (the kiosk sends one
 * of these, the session's language, on every citizen call). Anything else —
 * absent, `AR`, `en-US`, `fr`, `ar, en`, or the `*` a fetch client adds on its
 * own — is no language at all (undefined), never a refusal: the call goes on
 * and its SMS use the account's language, as without the header.
 */
const sessionLanguageHeaderSchema = z
  .enum(SESSION_LANGUAGES)
  .optional()
  .catch(undefined)
  .describe(
    'The language the person is using at the kiosk screen, exactly `ar` or `en`: every SMS this call causes (codes, temporary password, username, notices) is written in it. Any other value, or none, is ignored (never refused): the SMS then use the account’s language.',
  );

/** The session's language as central reads it from a request's `accept-language` header, or null. */
export function sessionLanguageOf(header: unknown): SessionLanguage | null {
  return sessionLanguageHeaderSchema.parse(header) ?? null;
}

/** Headers of a citizen read (GET): the session's language. */
export const citizenReadHeadersSchema = z.looseObject({ 'accept-language': sessionLanguageHeaderSchema });

/** Headers of a citizen action (POST): its Idempotency-Key and the session's language. */
export const citizenHeadersSchema = idempotencyHeadersSchema.extend({ 'accept-language': sessionLanguageHeaderSchema });

export const challengeIdParamsSchema = z.object({ challengeId: z.string().regex(/^CH-[0-9a-f]{24}$/) }).strict();

export const codeSentSchema = z
  .object({
    challengeId: z.string(),
    codeSentTo: z.string().describe('Masked mobile, e.g. 05X XXX X123.'),
    codeLength: z.number().int(),
    expiresAt: z.iso.datetime().describe('When the code stops working, on central’s clock (for the web and logs; a kiosk counts down from expiresInSeconds).'),
    resendAfter: z.iso.datetime().describe('When a new code may be asked for, on central’s clock (for the web and logs; a kiosk counts down from resendAfterSeconds).'),
    expiresInSeconds: z
      .number()
      .int()
      .min(0)
      .describe('Seconds the code stays valid, measured by central as it answers: a client counts down from its own clock, whatever its wall clock says.'),
    resendAfterSeconds: z.number().int().min(0).describe('Seconds until a new code may be asked for, measured by central as it answers.'),
  })
  .meta({ id: 'CodeSent', description: 'An SMS code is on its way; confirm it with the flow’s confirm operation.' });

export const codeEntrySchema = z.object({ code }).strict().meta({ id: 'CodeEntry' });

const ACCOUNT_STATES = ['none', 'registered', 'pending_bank', 'active', 'locked'] as const;
const accountStateSchema = z.enum(ACCOUNT_STATES).meta({ id: 'AccountState' });


export const CAPTURE_FORMAT = 'synthetic-minutiae-v1';
export const fingerprintVerificationSchema = z
  .object({
    idNumber,
    sessionId: z.string().regex(/^[A-Za-z0-9._:-]{8,64}$/).describe('The kiosk’s customer session: failed matches are counted per session.'),
    capture: z
      .object({
        format: z.string().max(40).describe(`Template format tag; this server knows "${CAPTURE_FORMAT}" (512-byte char file).`),
        quality: z.number().int().min(0).max(100),
        deviceId: z.string().min(1).max(64),
        finger: z.enum(FINGER_NAMES).optional().describe('When the reader knows which finger; otherwise every enrolled finger is tried.'),
        template: z.base64().max(4096),
        signature: z
          .base64()
          .max(512)
          .describe('ECDSA P-256 / SHA-256, IEEE P1363 (r‖s), by the kiosk’s certificate key, over captureSigningText(...) — see README.'),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'FingerprintVerification' });

export const idCardVerificationSchema = z
  .object({
    idNumber,
    chip: z
      .object({ identityFile: z.base64().max(2048).describe('The identity EF as read from the chip (drivers/cardData/ID_CARD.md).') })
      .strict(),
  })
  .strict()
  .meta({ id: 'IdCardVerification' });

export const verificationSchema = z
  .object({
    verificationToken: z.string().describe('Single use, short lived, bound to this kiosk.'),
    method: z.enum(['fingerprint', 'idCard']),
    expiresAt: z.iso.datetime(),
    holder: z.object({ nameAr: z.string(), nameEn: z.string(), holderType: z.enum(['citizen', 'resident']) }),
    accountState: accountStateSchema,
    maskedMobile: z.string().nullable(),
  })
  .meta({ id: 'Verification' });

export const registrationSchema = z
  .object({
    idNumber,
    mobile,
    username: z.string().min(1).max(64),
    password: secret,
    passwordConfirmation: secret,
    email: z.string().min(1).max(254),
    emailConfirmation: z.string().min(1).max(254),
    language: z.enum(['ar', 'en']),
    termsAccepted: z.boolean(),
    securityQuestion: z.string().min(1).max(200).optional(),
    securityAnswer: z.string().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: 'Registration' });

export const accountSummarySchema = z
  .object({
    accountState: accountStateSchema,
    username: z.string(),
    maskedMobile: z.string().nullable(),
    idNumberLast4: z.string(),
  })
  .meta({ id: 'AccountSummary' });

export const activationSchema = z
  .object({ verificationToken: token, termsAccepted: z.boolean() })
  .strict()
  .meta({ id: 'Activation' });

export const bankActivationPreviewSchema = z
  .object({ idNumberMasked: z.string(), maskedMobile: z.string().nullable(), accountState: accountStateSchema })
  .meta({ id: 'BankActivationPreview' });

export const bankActivationAcceptedSchema = z
  .object({ accountState: z.literal('pending_bank'), maskedMobile: z.string().nullable(), message: localized })
  .meta({ id: 'BankActivationAccepted' });

export const signInSchema = z
  .object({ login: z.string().min(1).max(64).describe('Username or ID number.'), password: secret })
  .strict()
  .meta({ id: 'SignIn' });

export const biometricSignInSchema = z.object({ verificationToken: token }).strict().meta({ id: 'BiometricSignIn' });

export const citizenSessionSchema = z
  .object({
    sessionToken: z.string().describe('Bearer token for /v1/citizens/me…; bound to this kiosk.'),
    expiresAt: z.iso.datetime(),
    mustChangePassword: z.boolean().describe('A bank temporary password was used: only the password change is open.'),
    nameAr: z.string(),
    nameEn: z.string(),
    idNumberMasked: z
      .string()
      .regex(/^\*{6}[0-9]{4}$/)
      .optional()
      .describe('The signed-in person’s ID number masked as the portal shows it (******0008): the kiosk prints it on the session’s inquiry receipts, whatever the login was.'),
  })
  .meta({ id: 'CitizenSession' });

export const fingerprintPasswordResetSchema = z
  .object({ verificationToken: token, newPassword: secret, newPasswordConfirmation: secret })
  .strict()
  .meta({ id: 'FingerprintPasswordReset' });

export const securityQuestionLookupSchema = z.object({ idNumber, mobile }).strict().meta({ id: 'SecurityQuestionLookup' });
export const securityQuestionSchema = z.object({ question: localized }).meta({ id: 'SecurityQuestion' });

export const securityQuestionPasswordResetSchema = z
  .object({ idNumber, mobile, answer: z.string().min(1).max(100), newPassword: secret, newPasswordConfirmation: secret })
  .strict()
  .meta({ id: 'SecurityQuestionPasswordReset' });

export const passwordUpdatedSchema = z.object({ message: localized }).meta({ id: 'PasswordUpdated' });

export const fingerprintUsernameRecoverySchema = z.object({ verificationToken: token }).strict().meta({ id: 'FingerprintUsernameRecovery' });
export const smsUsernameRecoverySchema = z.object({ idNumber, mobile }).strict().meta({ id: 'SmsUsernameRecovery' });
export const usernameRecoveredSchema = z
  .object({ maskedUsername: z.string(), sentTo: z.string().nullable().describe('The full username went by SMS to this masked mobile (null: the account has no mobile).') })
  .meta({ id: 'UsernameRecovered' });

export const mobileChangeSchema = z.object({ verificationToken: token, newMobile: mobile }).strict().meta({ id: 'MobileChange' });
export const mobileChangedSchema = z.object({ maskedMobile: z.string() }).meta({ id: 'MobileChanged' });

export const emailChangeSchema = z
  .object({ email: z.string().min(1).max(254), emailConfirmation: z.string().min(1).max(254) })
  .strict()
  .meta({ id: 'EmailChange' });
export const passwordChangeSchema = z
  .object({ currentPassword: secret, newPassword: secret, newPasswordConfirmation: secret })
  .strict()
  .meta({ id: 'PasswordChange' });
/** The national address as central stores and shows it (RULES.md published format; the unit is optional). */
export const addressSchema = z
  .object({
    city: z.string(),
    district: z.string(),
    street: z.string(),
    buildingNumber: z.string(),
    postalCode: z.string(),
    additionalNumber: z.string().optional(),
    unit: z.string().optional(),
  })
  .strict()
  .meta({ id: 'Address' });

/**
 * A new national address. Hostile text (bidi overrides, controls, invisible
 * only) is refused by the schema, like every free text; the format rules
 * (digits, lengths, parts required) are the rule's own (common/rules/nationalAddress.ts)
 * and answer 422 `address_invalid` with `<part>.<violation>` words.
 */
const HOSTILE = new Set(['bidiControl', 'controlCharacter', 'invisibleOnly']);
const addressText = z
  .string()
  .max(200)
  .superRefine((value, context) => {
    const check = checkFreeText(value, { minLength: 0, maxLength: 200 });
    const hostile = check.ok ? [] : check.violations.filter((v) => HOSTILE.has(v));
    if (hostile.length > 0) context.addIssue({ code: 'custom', message: `free text refused: ${hostile.join(', ')}` });
  });
const addressDigits = z.string().max(16);
export const addressChangeSchema = z
  .object({
    city: addressText,
    district: addressText,
    street: addressText,
    buildingNumber: addressDigits,
    postalCode: addressDigits,
    additionalNumber: addressDigits.optional(),
    unit: addressDigits.optional(),
  })
  .strict()
  .meta({ id: 'AddressChange' });

/** Signed in: the new mobile; a code goes to the registered mobile first, then one to the new number. */
export const signedInMobileChangeSchema = z.object({ newMobile: mobile }).strict().meta({ id: 'SignedInMobileChange' });

export const profileSchema = z
  .object({
    username: z.string(),
    idNumberLast4: z.string(),
    nameAr: z.string(),
    nameEn: z.string(),
    accountState: accountStateSchema,
    maskedMobile: z.string().nullable(),
    email: z.string().nullable(),
    address: addressSchema.nullable(),
    language: z.enum(['ar', 'en']),
  })
  .meta({ id: 'Profile' });

const visaSchema = z
  .object({
    visaNumber: z.string(),
    type: z.enum(['single', 'multiple']),
    status: z.enum(['issued', 'used', 'expired', 'cancelled']),
    issuedOn: z.iso.date(),
    validUntil: z.iso.date(),
    durationDays: z.number().int(),
  })
  .meta({ id: 'ExitReentryVisa' });
export const visaListSchema = z.object({ visas: z.array(visaSchema) }).meta({ id: 'ExitReentryVisaList' });

const VIOLATION_STATUSES = ['unpaid', 'paid', 'underObjection', 'objectionRejected', 'cancelled'] as const;
const violationSchema = z
  .object({
    violationNumber: z.string(),
    occurredAt: z.iso.datetime(),
    description: localized,
    city: localized.describe('Where, in Arabic and English (the national address city list).'),
    plate: z.string(),
    amountSar: z.number(),
    status: z.enum(VIOLATION_STATUSES),
    objectionAllowed: z.boolean(),
  })
  .meta({ id: 'TrafficViolation' });
export const violationListSchema = z.object({ violations: z.array(violationSchema) }).meta({ id: 'TrafficViolationList' });
export const violationParamsSchema = z.object({ violationNumber: z.string().regex(/^[0-9]{10}$/) }).strict();
export const objectionSchema = z.object({ reason: freeText(FREE_TEXT_FIELDS.objectionReason) }).strict().meta({ id: 'Objection' });
export const objectionFiledSchema = z
  .object({ objectionId: z.string(), violationNumber: z.string(), status: z.literal('underObjection') })
  .meta({ id: 'ObjectionFiled' });

const documentSchema = z
  .object({
    type: z.enum(['nationalId', 'iqama', 'passport', 'drivingLicence', 'vehicleRegistration']),
    numberLast4: z.string(),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date(),
    status: z.enum(['valid', 'expiringSoon', 'expired']),
  })
  .meta({ id: 'IdentityDocument' });
export const documentListSchema = z.object({ documents: z.array(documentSchema) }).meta({ id: 'IdentityDocumentList' });

export const emptyAnswerSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Done' });
