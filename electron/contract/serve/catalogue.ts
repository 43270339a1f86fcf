import { z } from 'zod';
import { noInput } from './noInput';

const key = z.string().regex(/^[a-z][A-Za-z0-9]{1,47}$/);

/** The renderer names a service and sends what the person typed or chose; the core checks it again with the entry's rules. */
export const serviceProcedureSchemas = {
  getCatalogue: noInput,
  startService: z.object({ service: key }).strict(),
  serviceEvent: z.discriminatedUnion('type', [
    z.object({ type: z.literal('SUBMIT_INPUTS'), inputs: z.record(key, z.string().max(600)).refine((r) => Object.keys(r).length <= 8, 'at most 8 inputs') }).strict(),
    z.object({ type: z.literal('PICK'), row: z.number().int().min(0).max(500) }).strict(),
    z.object({ type: z.literal('CONFIRM') }).strict(),
    z.object({ type: z.literal('BACK') }).strict(),
    z.object({ type: z.literal('RETRY') }).strict(),
  ]),
  closeService: noInput,
} as const;
