import { z } from 'zod';

/**
 * Storage.GetStorage, card units only (the card reader's retain bin). Keys
 * of `storage` are the unit identifiers CardReader.Move names (`unit1`).
 */

const STORAGE_UNIT_STATUSES = ['ok', 'inoperative', 'missing', 'notConfigured', 'manipulated'] as const;
const REPLENISHMENT_STATUSES = ['ok', 'full', 'high', 'low', 'empty'] as const;

const cardStorageUnit = z.object({
  id: z.string().optional(),
  positionName: z.string().optional(),
  capacity: z.number().int().nonnegative().optional(),
  status: z.enum(STORAGE_UNIT_STATUSES),
  serialNumber: z.string().optional(),
  card: z
    .object({
      capabilities: z.object({ type: z.enum(['retain', 'dispense', 'park']), hardwareSensors: z.boolean().optional() }),
      configuration: z.object({ cardID: z.string().optional(), threshold: z.number().int().nonnegative().optional() }).optional(),
      status: z.object({
        initialCount: z.number().int().nonnegative().optional(),
        count: z.number().int().nonnegative(),
        retainCount: z.number().int().nonnegative().optional(),
        replenishmentStatus: z.enum(REPLENISHMENT_STATUSES).optional(),
      }),
    })
    .optional(),
});

export const getStorageCompletion = z.object({
  storage: z.record(z.string().regex(/^unit[0-9A-Za-z]+$/), cardStorageUnit).default({}),
});
