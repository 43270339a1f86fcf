/** The kiosk's languages, Arabic first. */
export const languages = ['ar', 'en'] as const;
export type Language = (typeof languages)[number];

/**
 * Speech volume in steps, 1 (quietest) to 5 (loudest); never 0, since "silent"
 * is speech turned off. The renderer plays an utterance at `step / 5`.
 */
export const speechVolumeSteps = 5;
export const defaultSpeechVolume = 3;
/** A whole number of steps, 1 to `speechVolumeSteps`. */
export type SpeechVolume = number;

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
