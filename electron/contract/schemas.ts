import { z } from 'zod';
import type { DeviceClass, DeviceStatus } from './devices';
import type { JourneyView } from './journeys';

export const Language = z.enum(['ar', 'en']);
export type Language = z.infer<typeof Language>;

/**
 * Speech volume in steps, 1 (quietest) to 5 (loudest); never 0, since "silent"
 * is speech turned off. The renderer plays an utterance at `step / 5`.
 */
export const speechVolumeSteps = 5;
export const defaultSpeechVolume = 3;
export const SpeechVolume = z.number().int().min(1).max(speechVolumeSteps);
export type SpeechVolume = z.infer<typeof SpeechVolume>;

export const UnavailableReason = z.enum(['hardware', 'central', 'maintenance', 'outOfHours', 'outOfService']);
export type UnavailableReason = z.infer<typeof UnavailableReason>;

/** The kiosk's own state, CUSS style: starting → unavailable ⇄ available → active. */
export type AppState =
  | { state: 'starting' }
  | { state: 'unavailable'; reason: UnavailableReason }
  | { state: 'available' }
  | { state: 'active' };

export type ServiceUnavailableReason = 'notBuilt' | 'hardware' | 'central' | 'maintenance' | 'outOfService';

export interface ServiceAvailability {
  id: string;
  group: string;
  available: boolean;
  /** Set when `available` is false: what the person is told. */
  reason?: ServiceUnavailableReason;
}

/** `referToStaff`: three failed fingerprint matches ended the session; the person is sent to a staff member. */
export type SessionEndReason = 'timeout' | 'cancel' | 'completed' | 'cap' | 'referToStaff';

export interface SessionSnapshot {
  id: string;
  /** `warning`: the idle dialog is up and counting down. */
  phase: 'active' | 'warning';
  startedAt: number;
  /** Epoch ms when an unanswered idle warning ends the session; null outside a warning. */
  warningEndsAt: number | null;
  extensionsUsed: number;
  extensionsAllowed: number;
  language: Language;
  highContrast: boolean;
  largeText: boolean;
  /** Speech mode (headset): prompts, echo and errors spoken; off and back to the default volume for every new session. */
  speech: boolean;
  volume: SpeechVolume;
}

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
  devices: Record<DeviceClass, DeviceStatus>;
  /** Central reachability and the outbox, for the technician and the heartbeat. */
  central: CentralStatus;
  services: ServiceAvailability[];
  /** The journey under way in this session (null outside one): what its screen shows, never a secret. */
  journey: JourneyView | null;
  branding: Branding;
  timing: { idleWarningAfterMs: number; idleCountdownMs: number; sessionCapMs: number };
}
