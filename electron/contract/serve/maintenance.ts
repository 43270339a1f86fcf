import { z } from 'zod';
import { captureGuidances, maintenanceActions, testCaptureFailures, testCapturePhases, type TestCaptureView } from '../maintenance';
import { languages } from '../session';
import { noInput } from './noInput';

/** Digits only: the pad has nothing else. The core checks the technician's number against its own rule again. */
export const maintenanceProcedureSchemas = {
  maintenanceGesture: noInput,
  maintenanceSubmitPin: z
    .object({ pin: z.string().regex(/^[0-9]{4,8}$/), technicianId: z.string().regex(/^[0-9]{1,9}$/).optional() })
    .strict(),
  maintenanceCancel: noInput,
  maintenanceActivity: noInput,
  maintenanceSetLanguage: z.object({ language: z.enum(languages) }).strict(),
  maintenanceAction: z.object({ action: z.enum(maintenanceActions) }).strict(),
  maintenanceLeave: noInput,
} as const;

// ─── Diagnostics test capture: live progress (issue 13 review, branch `guidance`) ───

/** The test capture's progress as the core publishes it in `snapshot.maintenance.testCapture`: the core checks it before every push. */
export const testCaptureViewSchema = z
  .object({
    seq: z.number().int().positive(),
    phase: z.enum(testCapturePhases),
    guidance: z.enum(captureGuidances),
    quality: z.number().int().min(0).max(100).nullable(),
    result: z.enum(['pass', 'warn']).nullable(),
    failure: z.enum(testCaptureFailures).nullable(),
    startedAt: z.number().int().nonnegative(),
  })
  .strict()
  .refine((v) => (v.phase === 'failed') === (v.failure !== null), { message: 'a failure exactly when the phase is failed' })
  .refine((v) => (v.phase === 'done') === (v.result !== null && v.quality !== null), { message: 'a result and quality exactly when done' }) satisfies z.ZodType<TestCaptureView>;
