import { z } from 'zod';
import { devDockCentralFaultModes, devDockDeviceFaultKinds, devDockFingerNames, devDockLabDevices } from '../devDock';
import { noInput } from './noInput';

/** Lab people are keyed by their (demo) ID number. */
const personId = z.string().regex(/^[0-9]{10}$/);
const cardId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
const finger = z.enum(devDockFingerNames);
const delayMs = z.number().int().min(0).max(60_000).optional();

export const devDockProcedureSchemas = {
  devDockCatalogue: noInput,
  devDockState: noInput,
  devDockReadSms: z.object({ limit: z.number().int().min(1).max(50) }).strict(),
  devDockInsertCard: z.object({ cardId }).strict(),
  devDockTakeCard: noInput,
  devDockPlaceFinger: z.discriminatedUnion('which', [
    z.object({ which: z.literal('enrolled'), personId, finger, poorImages: z.number().int().min(0).max(10).optional() }).strict(),
    z.object({ which: z.literal('otherPerson'), personId, finger }).strict(),
    z.object({ which: z.literal('unknown'), personId, finger }).strict(),
  ]),
  devDockLiftFinger: noInput,
  devDockDeviceFault: z.object({ device: z.enum(devDockLabDevices), kind: z.enum(devDockDeviceFaultKinds), delayMs }).strict(),
  devDockCentralFault: z.object({ mode: z.enum(devDockCentralFaultModes), rate: z.number().min(0).max(1).optional(), delayMs }).strict(),
  devDockSkipTime: z.object({ minutes: z.number().int().min(1).max(60) }).strict(),
} as const;
