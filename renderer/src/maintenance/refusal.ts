import type { KioskErrorCode } from '../contract';

/** Every code a refused call can carry (KioskErrorCode): each has a message in both languages under maintenancePolish.refusals. */
const CODES: Record<KioskErrorCode, true> = {
  invalid_argument: true,
  unknown_procedure: true,
  no_session: true,
  not_allowed: true,
  unavailable: true,
  internal: true,
  disconnected: true,
  timeout: true,
};

/** The code of a refused call (a KioskError's, or `internal` for anything else): what the screen explains, never the raw message. */
export function refusalCode(error: unknown): KioskErrorCode {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code in CODES ? (code as KioskErrorCode) : 'internal';
}

/** The message key for a refusal code. */
export function refusalKey(code: string): string {
  return `maintenancePolish.refusals.${code in CODES ? code : 'internal'}`;
}
