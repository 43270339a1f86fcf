import { z } from 'zod';
import type { ProcedureName } from '../procedures';
import { languages, speechVolumeSteps } from '../session';
import { serviceProcedureSchemas } from './catalogue';
import { devDockProcedureSchemas } from './devDock';
import { diagnosticsProcedureSchemas } from './diagnostics';
import { journeyProcedureSchemas } from './journeys';
import { maintenanceProcedureSchemas } from './maintenance';
import { receiptProcedureSchemas } from './receipts';
import { noInput } from './noInput';

/**
 * The schema each procedure's input is checked against (procedures.ts says
 * what each one means). `.strict()` everywhere, so an unexpected field is
 * refused rather than ignored. procedures.test.ts holds each schema to the
 * type the renderer is written against.
 */
export const procedureSchemas = {
  getSnapshot: noInput,
  startSession: z.object({ trigger: z.enum(['touch', 'card']) }).strict(),
  reportActivity: noInput,
  extendSession: noInput,
  endSession: z.object({ reason: z.enum(['cancel', 'completed']) }).strict(),
  setLanguage: z.object({ language: z.enum(languages) }).strict(),
  setAccessibility: z
    .object({
      highContrast: z.boolean().optional(),
      largeText: z.boolean().optional(),
      speech: z.boolean().optional(),
      volume: z.number().int().min(1).max(speechVolumeSteps).optional(),
    })
    .strict()
    .refine((v) => Object.values(v).some((value) => value !== undefined), 'nothing to change'),
  ...journeyProcedureSchemas,
  ...receiptProcedureSchemas,
  ...maintenanceProcedureSchemas,
  ...serviceProcedureSchemas,
  ...devDockProcedureSchemas,
  ...diagnosticsProcedureSchemas,
} as const satisfies Record<ProcedureName, z.ZodType>;
