import type { SignedCapturePackage } from '../devices';
import type { CodePurpose } from '../../../common/codePurposes';
import type { AnyCitizenCall, CitizenRoute } from '../sync';

/**
 * How the journeys address central: by route name from the route table
 * (common/wire), bodies typed from the route's schemas. A request is plain
 * data, so a machine builds it from its context.
 */

/** Which journey a challenge belongs to decides where its code is confirmed. */
export type { CodePurpose };

const confirmRoutes = {
  registration: 'confirmRegistration',
  activation: 'confirmActivation',
  signIn: 'confirmSignIn',
  passwordReset: 'confirmPasswordReset',
  usernameRecovery: 'confirmSmsUsernameRecovery',
  mobileChange: 'confirmMobileChange',
  emailChange: 'confirmEmailChange',
  passwordChange: 'confirmPasswordChange',
  mobileChangeCurrent: 'confirmCurrentMobile',
  mobileChangeNew: 'confirmNewMobile',
} as const satisfies Record<CodePurpose, CitizenRoute>;

/** The SMS code, confirmed at the route of the journey that asked for it (signed in: with the session). */
export function confirmCode(purpose: CodePurpose, challengeId: string, code: string, idempotencyKey: string, sessionToken: string | null = null): AnyCitizenCall {
  return { route: confirmRoutes[purpose], params: { challengeId }, body: { code }, idempotencyKey, ...(sessionToken ? { sessionToken } : {}) };
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
