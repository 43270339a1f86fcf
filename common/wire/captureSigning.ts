/**
 * What the kiosk signs for a fingerprint capture (the registered-device idea:
 * the central side knows which kiosk packaged this template). Pure, so the
 * kiosk core imports it too. Fields are taken exactly as sent in the body.
 */
interface SignedCaptureFields {
  readonly idNumber: string;
  readonly sessionId: string;
  readonly format: string;
  readonly quality: number;
  readonly deviceId: string;
  readonly finger?: string | undefined;
  /** base64, as in the body */
  readonly template: string;
}

const CAPTURE_SIGNING_CONTEXT = 'kiosk-capture-v1';

export function captureSigningText(fields: SignedCaptureFields): string {
  return [
    CAPTURE_SIGNING_CONTEXT,
    fields.idNumber,
    fields.sessionId,
    fields.format,
    String(fields.quality),
    fields.deviceId,
    fields.finger ?? '',
    fields.template,
  ].join('\n');
}
