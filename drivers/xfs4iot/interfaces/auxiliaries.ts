import { z } from 'zod';

/**
 * The Auxiliaries interface's one sensor ATM mode reads: the enhanced-audio
 * (headset) jack. `auxiliaries.enhancedAudioSensor` in Common.Status and in
 * Common.StatusChangedEvent says whether headphones are plugged in — the ATM
 * convention for "this person wants the screen spoken". Other sensors pass
 * through unread.
 */
const ENHANCED_AUDIO_STATES = ['present', 'notPresent'] as const;

/** `auxiliaries` in Common.Status. */
export const auxiliariesStatus = z.object({
  enhancedAudioSensor: z.enum(ENHANCED_AUDIO_STATES).optional(),
});
