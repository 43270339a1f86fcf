import { z } from 'zod';
import { diagnosticActions, diagnosticTargets } from '../diagnostics';
import { languages } from '../session';
import { noInput } from './noInput';

/** Maintenance diagnostics: a target or action by name, a dead letter by its transaction id; nothing else. */
export const diagnosticsProcedureSchemas = {
  diagnose: z.object({ target: z.enum(diagnosticTargets) }).strict(),
  diagnosticAction: z.object({ action: z.enum(diagnosticActions), language: z.enum(languages).optional() }).strict(),
  deadLetters: noInput,
  deadLetterAction: z
    .object({ txId: z.string().min(1).max(80).regex(/^[A-Za-z0-9_.:-]+$/), action: z.enum(['retry', 'discard']) })
    .strict(),
  runReadiness: z.object({ print: z.boolean().optional(), language: z.enum(languages).optional() }).strict(),
  lastReadiness: noInput,
} as const;
