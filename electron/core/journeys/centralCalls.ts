import type { z } from 'zod';
import {
  accountSummarySchema,
  citizenSessionSchema,
  codeSentSchema,
  emptyAnswerSchema,
  mobileChangedSchema,
  passwordUpdatedSchema,
  securityQuestionSchema,
  usernameRecoveredSchema,
  verificationSchema,
} from '../../../common/wire/citizen';
import type { SignedCapturePackage } from '../devices';

/**
 * The citizen endpoints the journeys call: path and answer schema, the
 * schemas being central's own (common/wire/citizen.ts). A request is
 * plain data so the machine can build it from its context.
 */

export interface CentralRequest {
  /** For the log and specs: which journey step this is. */
  operation: string;
  path: string;
  body: unknown;
  response: z.ZodType;
  key: string;
  sessionToken?: string;
}

type Op = { operation: string; path: string; response: z.ZodType };
const op = (operation: string, path: string, response: z.ZodType): Op => ({ operation, path, response });

/** Which journey a challenge belongs to decides where its code is confirmed. */
export type CodePurpose = 'registration' | 'activation' | 'signIn' | 'passwordReset' | 'usernameRecovery' | 'mobileChange';

const confirmPaths: Record<CodePurpose, { prefix: string; response: z.ZodType }> = {
  registration: { prefix: '/v1/citizens/registrations', response: accountSummarySchema },
  activation: { prefix: '/v1/citizens/activations', response: accountSummarySchema },
  signIn: { prefix: '/v1/citizens/sign-in', response: citizenSessionSchema },
  passwordReset: { prefix: '/v1/citizens/password-resets', response: passwordUpdatedSchema },
  usernameRecovery: { prefix: '/v1/citizens/username-recoveries', response: usernameRecoveredSchema },
  mobileChange: { prefix: '/v1/citizens/mobile-changes', response: mobileChangedSchema },
};

export const operations = {
  verifyFingerprint: op('verifyFingerprint', '/v1/citizens/verifications/fingerprint', verificationSchema),
  startRegistration: op('startRegistration', '/v1/citizens/registrations', codeSentSchema),
  startActivation: op('startActivation', '/v1/citizens/activations', codeSentSchema),
  signIn: op('signIn', '/v1/citizens/sign-in', codeSentSchema),
  signOut: op('signOut', '/v1/citizens/me/sign-out', emptyAnswerSchema),
  startFingerprintPasswordReset: op('startFingerprintPasswordReset', '/v1/citizens/password-resets/fingerprint', codeSentSchema),
  getSecurityQuestion: op('getSecurityQuestion', '/v1/citizens/password-resets/security-question/lookup', securityQuestionSchema),
  startSecurityQuestionPasswordReset: op('startSecurityQuestionPasswordReset', '/v1/citizens/password-resets/security-question', codeSentSchema),
  recoverUsernameByFingerprint: op('recoverUsernameByFingerprint', '/v1/citizens/username-recoveries/fingerprint', usernameRecoveredSchema),
  startSmsUsernameRecovery: op('startSmsUsernameRecovery', '/v1/citizens/username-recoveries/sms', codeSentSchema),
  startMobileChange: op('startMobileChange', '/v1/citizens/mobile-changes', codeSentSchema),
} as const;

export function confirmCode(purpose: CodePurpose, challengeId: string): Op {
  const { prefix, response } = confirmPaths[purpose];
  return op(`confirm:${purpose}`, `${prefix}/${challengeId}/confirm`, response);
}

export function resendCode(challengeId: string): Op {
  return op('resendCode', `/v1/citizens/challenges/${challengeId}/resend`, codeSentSchema);
}

/** The capture as central's schema takes it: `capturedAt` stays on the kiosk (the schema is strict). */
export function captureBody(capture: SignedCapturePackage) {
  return {
    format: capture.format,
    quality: capture.quality,
    deviceId: capture.deviceId,
    template: capture.template,
    signature: capture.signature,
  };
}

export type CodeSent = z.infer<typeof codeSentSchema>;
export type Verification = z.infer<typeof verificationSchema>;
export type AccountSummary = z.infer<typeof accountSummarySchema>;
export type CitizenSession = z.infer<typeof citizenSessionSchema>;
export type UsernameRecovered = z.infer<typeof usernameRecoveredSchema>;
export {
  accountSummarySchema,
  citizenSessionSchema,
  codeSentSchema,
  mobileChangedSchema,
  passwordUpdatedSchema,
  securityQuestionSchema,
  usernameRecoveredSchema,
  verificationSchema,
};
