import type { AtmKeyPress } from './atm';
import type { ServiceView } from './catalogue';
import type { DeviceStatuses } from './devices';
import type { AtmJourneyView, JourneyView } from './journeys';
import type { MaintenanceCardBack, MaintenanceView } from './maintenance';
import type { ReceiptOffer } from './receipts';
import type { ServiceAvailability } from './services';
import type { Language, SessionSnapshot } from './session';

export type UnavailableReason = 'hardware' | 'central' | 'maintenance' | 'outOfHours' | 'outOfService';

/** The kiosk's own state, CUSS style: starting → unavailable ⇄ available → active. */
export type AppState =
  | { state: 'starting' }
  | { state: 'unavailable'; reason: UnavailableReason }
  | { state: 'available' }
  | { state: 'active' };

export interface Branding {
  portalName: Record<Language, string>;
  supportNumber: string;
  supportNumberAbroad: string;
}

export interface CentralStatus {
  reachable: boolean;
  lastContactAt: number | null;
  /** Events waiting in the outbox to reach central. */
  queueDepth: number;
  deadLetters: number;
  /** The version of central's configuration in force (its technicians list, timings, services); null before the first arrived. */
  configVersion?: string | null;
}

export interface KioskSnapshot {
  /** Increases with every change; the renderer drops an older snapshot that arrives late. */
  revision: number;
  /** Core clock when the snapshot was made, for countdowns without clock skew. */
  now: number;
  profile: 'demo' | 'production';
  mode: 'government' | 'atm';
  appState: AppState;
  session: SessionSnapshot | null;
  devices: DeviceStatuses;
  /** Central reachability and the outbox, for the technician and the heartbeat. */
  central: CentralStatus;
  services: ServiceAvailability[];
  /** The journey under way in this session (null outside one): what its screen shows, never a secret. */
  journey: JourneyView | null;
  /**
   * ATM mode only (absent on a government kiosk): the bank-ATM journey under
   * way, from the card going in to it coming back (null while the ATM waits
   * for a card). Same shape and step naming as `journey`.
   */
  atmJourney?: AtmJourneyView | null;
  /** The catalogue's inquiry or form under way (signed in; null outside one): its screen. */
  service?: ServiceView | null;
  /** The catalogue the core holds (`getCatalogue` gives it); null before central's first one. */
  catalogueVersion?: string | null;
  /** The receipt the result on screen has (government mode, a printer fitted); absent otherwise. */
  receipt?: ReceiptOffer;
  /**
   * ATM mode only: the newest FDK, Enter, Cancel or Clear press (null before
   * the first). The screen acts on a press whose `seq` it has not seen; the
   * core asks the EPP for these keys only while a screen waits for a choice.
   */
  atmKey?: AtmKeyPress | null;
  /** Maintenance mode, from the technician's PIN pad to signing out (absent or null otherwise). */
  maintenance?: MaintenanceView | null;
  /** The technician's card at the slot, to be taken (absent or null otherwise): "take your card", even after maintenance ended. */
  maintenanceCard?: MaintenanceCardBack | null;
  branding: Branding;
  timing: { idleWarningAfterMs: number; idleCountdownMs: number; sessionCapMs: number };
}
