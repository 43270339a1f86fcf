import { z } from 'zod';
import { devDockProcedureInputs } from './devDock';
import type { DevDockProcedureOutputs } from './devDock';
import { journeyProcedureInputs } from './journeys';
import { Language, SpeechVolume } from './schemas';
import type { KioskSnapshot } from './schemas';

const none = z.object({}).strict();

/**
 * What the renderer may ask of the core. One argument each, validated by the
 * core with these schemas before any handler runs; `.strict()` everywhere so an
 * unexpected field is refused rather than ignored.
 */
export const procedureInputs = {
  getSnapshot: none,
  startSession: z.object({ trigger: z.enum(['touch', 'card']) }).strict(),
  /** The person touched the screen: restarts the idle clock. */
  reportActivity: none,
  /** "More time" in the idle warning. */
  extendSession: none,
  endSession: z.object({ reason: z.enum(['cancel', 'completed']) }).strict(),
  setLanguage: z.object({ language: Language }).strict(),
  setAccessibility: z
    .object({ highContrast: z.boolean().optional(), largeText: z.boolean().optional(), speech: z.boolean().optional(), volume: SpeechVolume.optional() })
    .strict()
    .refine((v) => Object.values(v).some((value) => value !== undefined), 'nothing to change'),
  /** Begin a government-office journey inside the session (one at a time). */
  startJourney: journeyProcedureInputs.startJourney,
  /** The person's input to the running journey; a step it does not take is refused with `not_allowed`. */
  journeyEvent: journeyProcedureInputs.journeyEvent,
  /** Leave the running journey (back to the services); the session goes on. */
  cancelJourney: journeyProcedureInputs.cancelJourney,
  /** Demo only (the core refuses them elsewhere): the dev dock's lab and central controls. */
  ...devDockProcedureInputs,
} as const;

export type ProcedureName = keyof typeof procedureInputs;
export const procedureNames = Object.keys(procedureInputs) as ProcedureName[];
export type ProcedureInput<P extends ProcedureName> = z.infer<(typeof procedureInputs)[P]>;

interface ProcedureOutputs extends DevDockProcedureOutputs {
  getSnapshot: KioskSnapshot;
  startSession: KioskSnapshot;
  reportActivity: { session: boolean };
  extendSession: KioskSnapshot;
  endSession: KioskSnapshot;
  setLanguage: KioskSnapshot;
  setAccessibility: KioskSnapshot;
  startJourney: KioskSnapshot;
  journeyEvent: KioskSnapshot;
  cancelJourney: KioskSnapshot;
}

/** The core's API as the renderer sees it. */
export type KioskApi = {
  [P in ProcedureName]: (input: ProcedureInput<P>) => Promise<ProcedureOutputs[P]>;
};
