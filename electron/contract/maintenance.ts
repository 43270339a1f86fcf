import { KioskError } from './errors';
import type { NoInput } from './noInput';
import type { Language } from './session';

/**
 * Maintenance mode (issue 13): a technician takes the kiosk over with a
 * technician card (or the service gesture) and a PIN, works in an overlay in
 * their own language, and leaves it. The core decides everything: the
 * renderer shows `snapshot.maintenance` and sends what the technician typed
 * or touched. While maintenance is on (from the PIN pad on) the public sees
 * the kiosk as unavailable, reason `maintenance`.
 */

/** How the technician asked for maintenance: their card in the card slot, or the long press in a corner. */
export type MaintenanceEntry = 'card' | 'gesture';

/** Technician actions (each audited and sent to central). */
export const maintenanceActions = ['outOfService', 'inService', 'reloadUi', 'restartCore', 'refreshConfig', 'exportLogs'] as const;
export type MaintenanceAction = (typeof maintenanceActions)[number];

/** tooManyAttempts: central asked the kiosk to wait before the next check (`retryAt`); nothing was checked. */
export type MaintenancePinError = 'wrong' | 'cannotCheck' | 'tooManyAttempts';
export type MaintenanceSignOutReason = 'left' | 'idle' | 'cap';

/**
 * `pin`: the PIN pad (for the gesture, the technician's number first);
 * `checking`: the PIN is being checked; `locked`: too many wrong PINs, entry
 * refused until `lockedUntil`; `on`: signed in, the overlay.
 */
export type MaintenancePhase = 'pin' | 'checking' | 'locked' | 'on';

export interface MaintenanceView {
  phase: MaintenancePhase;
  entry: MaintenanceEntry;
  /** The technician's language for the overlay (their own switch; never the public's). */
  language: Language;
  /** From the card; null when the gesture was used and no number was typed yet. */
  technicianId: string | null;
  /** `pin`: the last attempt's error and the tries left before a lockout (per card and per kiosk, the fewer). */
  pinError: MaintenancePinError | null;
  attemptsLeft: number | null;
  /** `locked`: when entry is allowed again (core clock). */
  lockedUntil: number | null;
  /** `pin` after `tooManyAttempts`: when central will check a PIN again (core clock); null otherwise. */
  retryAt: number | null;
  /** `on`: who is signed in, how the PIN was checked, and when the session ends if nothing is touched / at the latest. */
  signedIn: { technicianId: string; name: string; checkedBy: 'central' | 'offline'; since: number; idleEndsAt: number; capEndsAt: number } | null;
  /** Whether the kiosk is out of service (for when the technician leaves: maintenance itself hides it from the public). */
  outOfService: boolean;
  /** The action running now, and the last one's outcome. */
  busyAction: MaintenanceAction | null;
  lastAction: { action: MaintenanceAction; result: 'done' | 'failed'; at: number } | null;
  /**
   * ATM mode (present only there): the PIN is typed on the ATM's EPP, never on
   * the screen. `pin`: how many keys are in (never which), and whether the
   * EPP is ready for them; null in the other phases. A `cannotCheck` error
   * here means central could not be reached: only central can check a PIN
   * the kiosk never sees.
   */
  epp?: { digits: number; ready: boolean } | null;
}

export interface MaintenanceProcedureInputs {
  /** The service gesture was made (the long press in a corner): the PIN pad asks for the technician's number and PIN. */
  maintenanceGesture: NoInput;
  /** The PIN typed on the pad (with the technician's number after the gesture). */
  maintenanceSubmitPin: { pin: string; technicianId?: string };
  /** Leave the PIN pad or the lockout notice. */
  maintenanceCancel: NoInput;
  /** The technician touched the overlay: the idle timer starts again. */
  maintenanceActivity: NoInput;
  maintenanceSetLanguage: { language: Language };
  maintenanceAction: { action: MaintenanceAction };
  /** Sign out: the kiosk goes back to the state it was in, checked again. */
  maintenanceLeave: NoInput;
}

export const maintenanceProcedureNames = [
  'maintenanceGesture',
  'maintenanceSubmitPin',
  'maintenanceCancel',
  'maintenanceActivity',
  'maintenanceSetLanguage',
  'maintenanceAction',
  'maintenanceLeave',
] as const satisfies readonly (keyof MaintenanceProcedureInputs)[];

/** Stand-in cores (tests, hosts without maintenance) answer every maintenance procedure `unavailable`. */
export function refusedMaintenanceApi(): { [P in keyof MaintenanceProcedureInputs]: (input: MaintenanceProcedureInputs[P]) => Promise<never> } {
  const refuse = async (): Promise<never> => {
    throw new KioskError('unavailable', 'maintenance mode is not available here');
  };
  return Object.fromEntries(maintenanceProcedureNames.map((name) => [name, refuse])) as unknown as ReturnType<typeof refusedMaintenanceApi>;
}

// ─── Diagnostics test capture: live progress (issue 13 review, branch `guidance`) ───

/**
 * What the fingerprint reader tells the person during a capture, as the
 * citizen's step and the technician's test capture both show it; `starting`
 * until the reader's first word.
 */
export const captureGuidances = ['starting', 'placeFinger', 'holdStill', 'liftAndPlaceAgain', 'poorQuality', 'captured'] as const;
export type CaptureGuidanceWord = (typeof captureGuidances)[number];

/** `capturing`: the reader is at work; `done`: an image and its quality; `failed`: nothing captured (see `failure`). */
export const testCapturePhases = ['capturing', 'done', 'failed'] as const;
export type TestCapturePhase = (typeof testCapturePhases)[number];

/**
 * Why a test capture took no image, as the screen words it in the
 * technician's language: nobody put a finger down in time (`timeout`), a
 * finger stayed on the glass (`glassNotClear`), the image was too poor
 * (`poorQuality`), the reader unplugged or went away (`unplugged`), not fitted
 * (`notFitted`), not answering (`noAnswer`), busy (`busy`), anything else (`failed`).
 */
export const testCaptureFailures = ['timeout', 'glassNotClear', 'poorQuality', 'unplugged', 'notFitted', 'noAnswer', 'busy', 'failed'] as const;
export type TestCaptureFailure = (typeof testCaptureFailures)[number];

/**
 * The technician's test capture as it runs (the image itself is never in the
 * snapshot: only the screen that asked gets it, in the action's answer).
 * `seq` grows with each capture; `quality` once one is taken.
 */
export interface TestCaptureView {
  seq: number;
  phase: TestCapturePhase;
  guidance: CaptureGuidanceWord;
  quality: number | null;
  /** `done`: pass, or warn when the quality is low enough to clean the glass for. */
  result: 'pass' | 'warn' | null;
  failure: TestCaptureFailure | null;
  /** Core clock, ms. */
  startedAt: number;
}

// Declaration merging keeps this block apart from the view above.
export interface MaintenanceView {
  /** Signed in: the newest fingerprint test capture of this visit (null before the first). */
  testCapture?: TestCaptureView | null;
}

// ── Technician card secret (issue 13: the offline PIN check needs the technician card) ──────────────────────────────
/**
 * Why a PIN could not be checked while central is unreachable (with
 * `pinError: 'cannotCheck'`): `needsCard`, no technician card in the slot
 * (the service gesture); `cardUnreadable`, the card's track 3 gave no secret
 * (an old card, a damaged stripe); `noVerifier`, central has issued this
 * technician no card with a secret yet; `legacyVerifier`, the configuration
 * is from a central before card secrets (a PIN-only hash, refused). Absent
 * or null: no technician list yet, or another error.
 */
export type MaintenanceOfflineRefusal = 'needsCard' | 'cardUnreadable' | 'noVerifier' | 'legacyVerifier';

// Declaration merging keeps this block apart from the view above.
export interface MaintenanceView {
  /** `pin` after `cannotCheck` while central is unreachable: why (MaintenanceOfflineRefusal); null otherwise. */
  offlineRefusal?: MaintenanceOfflineRefusal | null;
}

// ── The technician card handed back: "take your card" (issue 13) ─────────────────────────────────────────────────────
/**
 * The technician's card on its way out of the slot, ejected when the PIN pad
 * closed (signed in, locked out, or left): the kiosk says "take your card" in
 * the technician's `language` until the slot reports it taken. Left at the
 * slot for `retainAfterMs` (the slot's usual take time, counted from `since`,
 * core clock) it is retained as any card is, and audited (`card.retained`).
 * In the snapshot as `maintenanceCard` while it is at the slot, whether or
 * not maintenance is still on.
 */
export interface MaintenanceCardBack {
  language: Language;
  retainAfterMs: number;
  since: number;
}
