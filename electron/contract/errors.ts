/**
 * Errors that cross the contract. They travel as plain data (never an Error's
 * prototype or stack) and are rebuilt as KioskError on the calling side.
 */
const kioskErrorCodes = [
  'invalid_argument',
  'unknown_procedure',
  'no_session',
  'not_allowed',
  'unavailable',
  'internal',
  'disconnected',
  'timeout',
] as const;
export type KioskErrorCode = (typeof kioskErrorCodes)[number];

export interface KioskErrorData {
  code: KioskErrorCode;
  message: string;
  /** For invalid_argument: where the input was wrong (paths and messages only, never values). */
  issues?: { path: string; message: string }[];
}

export class KioskError extends Error {
  readonly code: KioskErrorCode;
  readonly issues: KioskErrorData['issues'];

  constructor(code: KioskErrorCode, message: string, issues?: KioskErrorData['issues']) {
    super(message);
    this.name = 'KioskError';
    this.code = code;
    this.issues = issues;
  }

  toData(): KioskErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: unknown): KioskError {
    if (isKioskErrorData(data)) return new KioskError(data.code, data.message, data.issues);
    return new KioskError('internal', 'the kiosk core failed');
  }
}

export function isKioskErrorData(value: unknown): value is KioskErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && typeof code === 'string' && (kioskErrorCodes as readonly string[]).includes(code);
}
