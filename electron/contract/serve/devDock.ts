import { z } from 'zod';
import { devDockAtmFaultCommands, devDockAtmNamedKeys, devDockAtmServices } from '../devDockAtm';
import { devDockCentralFaultModes, devDockDeviceFaultKinds, devDockFingerNames, devDockLabDevices } from '../devDockLab';
import { devDockPrinterFaultKinds } from '../devDockPrinter';
import { noInput } from './noInput';

/** Lab people are keyed by their (demo) ID number. */
const personId = z.string().regex(/^[0-9]{10}$/);
const cardId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
const finger = z.enum(devDockFingerNames);
const delayMs = z.number().int().min(0).max(60_000).optional();
const atmService = z.enum(devDockAtmServices);
/** One EPP key or a run of digits, separated by spaces or commas: `"1234 enter"`, `"fdk03"`. */
const atmKey = `(?:[0-9]+|${devDockAtmNamedKeys.join('|')})`;
const atmKeys = z
  .string()
  .max(200)
  .regex(new RegExp(`^\\s*${atmKey}(?:[\\s,]+${atmKey})*\\s*$`), 'digits, enter, cancel, clear, backspace or fdk01…fdk08, separated by spaces');

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
  devDockAtmCatalogue: noInput,
  devDockAtmState: noInput,
  devDockAtmInsertCard: z.object({ cardId }).strict(),
  devDockAtmTakeCard: noInput,
  devDockAtmPressKeys: z.object({ keys: atmKeys }).strict(),
  devDockAtmFault: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('serviceDown'), service: atmService }).strict(),
    z.object({ kind: z.literal('dropConnections'), service: atmService }).strict(),
    z.object({ kind: z.literal('noCompletion'), command: z.enum(devDockAtmFaultCommands).optional() }).strict(),
    z.object({ kind: z.literal('cardJam') }).strict(),
    z.object({ kind: z.literal('eppError') }).strict(),
    z.object({ kind: z.literal('paperOut') }).strict(),
    z.object({ kind: z.literal('bankDown') }).strict(),
    z.object({ kind: z.literal('bankDrop') }).strict(),
    z.object({ kind: z.literal('none') }).strict(),
  ]),
  devDockAtmHeadset: z.object({ plugged: z.boolean() }).strict(),
  devDockAtmResetPinTries: z.object({ cardId }).strict(),
  devDockRunBankActivations: noInput,
  devDockPrinterState: noInput,
  devDockPrinterReceipt: z.object({ number: z.number().int().min(1).max(1_000_000_000).optional() }).strict(),
  devDockPrinterFault: z.object({ kind: z.enum(devDockPrinterFaultKinds) }).strict(),
} as const;
