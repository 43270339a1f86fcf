import { z } from 'zod';

/**
 * What the device manager is configured with. The serial entries are the
 * core config's `{path, baudRate, noModemLines}` (electron/core/config/schema.ts)
 * with optional, device-specific extras; `magstripe` is a HID reader by VID:PID.
 * `null` (or absent) = not fitted on this kiosk.
 */

const serialPort = {
  path: z.string().min(1),
  baudRate: z.number().int().positive(),
  noModemLines: z.boolean().default(false),
};

export const fingerprintConfigSchema = z
  .object({
    ...serialPort,
    password: z.number().int().min(0).max(0xffffffff).optional(),
    address: z.number().int().min(0).max(0xffffffff).optional(),
    deviceId: z.string().min(1).max(64).optional(),
    led: z.enum(['auto', 'off']).optional(),
  })
  .strict();

export const cardSlotConfigSchema = z
  .object({
    ...serialPort,
    takeTimeoutMs: z.number().int().min(1_000).max(120_000).optional(),
    initializeAtStart: z.enum(['cardToGate', 'capture', 'keepInside', 'dontMove']).optional(),
  })
  .strict();

/** An ESC/POS receipt printer on a serial line (or a USB printer-class node): 80 mm paper is 576 dots wide, 58 mm 384. */
export const printerConfigSchema = z
  .object({
    ...serialPort,
    widthDots: z.union([z.literal(576), z.literal(384)]).default(576),
  })
  .strict();

const hexId = z.union([z.number().int().min(0).max(0xffff), z.string().regex(/^(0x)?[0-9a-fA-F]{1,4}$/).transform((text) => parseInt(text, 16))]);

export const magstripeConfigSchema = z.object({ vendorId: hexId, productId: hexId }).strict();

export const devicesConfigSchema = z.object({
  fingerprint: fingerprintConfigSchema.nullable().default(null),
  cardSlot: cardSlotConfigSchema.nullable().default(null),
  magstripe: magstripeConfigSchema.nullable().default(null),
  printer: printerConfigSchema.nullable().default(null),
});

export type DevicesConfig = z.infer<typeof devicesConfigSchema>;
