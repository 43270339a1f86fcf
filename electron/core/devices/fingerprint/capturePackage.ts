/**
 * A fingerprint capture as it leaves the kiosk for the central side's 1:1
 * match (the registered-device idea). The kiosk never keeps or logs it; the
 * flow hands it to sync, which signs it with the kiosk key.
 */

/** Must equal common/wire/citizen.ts CAPTURE_FORMAT (a spec checks it). */
export const CAPTURE_FORMAT = 'synthetic-minutiae-v1';

export interface CapturePackage {
  readonly format: typeof CAPTURE_FORMAT;
  /** 0..100 */
  readonly quality: number;
  /** Which reader captured it (configured, or the module's system id and address). */
  readonly deviceId: string;
  /** The 512-byte char file, base64. */
  readonly template: string;
  /** ISO 8601 */
  readonly capturedAt: string;
}

/** What the central side's verification call carries once sync has signed the package. */
export interface SignedCapturePackage extends CapturePackage {
  /** ECDSA P-256 / SHA-256, IEEE P1363, base64, over common/wire/captureSigning.ts captureSigningText. */
  readonly signature: string;
}

/** The context the signature binds the capture to (see captureSigningText). */
export interface CaptureSigningContext {
  readonly idNumber: string;
  readonly sessionId: string;
  readonly finger?: string;
}

/** The hook sync fills in: the device layer produces unsigned packages only. */
export type CaptureSigner = (capture: CapturePackage, context: CaptureSigningContext) => Promise<SignedCapturePackage>;

export function packageCapture(template: Uint8Array, quality: number, deviceId: string, capturedAt: Date): CapturePackage {
  const encoded = Buffer.from(template.buffer, template.byteOffset, template.byteLength).toString('base64');
  // The bytes are not needed any more; leave nothing behind in the driver's buffer.
  template.fill(0);
  return { format: CAPTURE_FORMAT, quality, deviceId, template: encoded, capturedAt: capturedAt.toISOString() };
}
