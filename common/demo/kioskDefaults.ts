/**
 * What a kiosk shows and how long it waits until central says otherwise: the
 * core starts with these, and the demo central hands out the same, so a
 * kiosk looks alike before and after its first sync.
 */

// Neutral demo brand (RULES.md): never a real agency's name in the demo.
export const demoBranding = {
  portalName: { ar: 'بوابة الخدمات الإلكترونية', en: 'e-Services Portal' },
  supportNumber: '920020405',
  supportNumberAbroad: '00966114618666',
} as const;

/** Idle warning after a minute, thirty seconds to answer it, ten extensions, ten minutes at most. */
export const defaultSessionTimings = { idleWarningAfterMs: 60_000, idleCountdownMs: 30_000, extensionsAllowed: 10, sessionCapMs: 600_000 } as const;
