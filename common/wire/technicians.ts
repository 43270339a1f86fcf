import { z } from 'zod';

/**
 * Technicians (maintenance mode, issue 13). A technician card carries the
 * technician's number; the PIN is checked by central when it is reachable
 * (`verifyTechnicianPin`), otherwise by the kiosk against the offline
 * verifier central pushes in the kiosk configuration (`technicians`):
 * scrypt over the PIN and the secret on the card's track 3, so a kiosk's
 * copy is useless without the physical card, and gives away nothing central
 * checks with.
 */

/** The technician's number, without leading zeros (a card pads it to 9 digits). */
export const technicianIdSchema = z.string().regex(/^[1-9][0-9]{0,8}$/).meta({ id: 'TechnicianId' });
export const technicianPinSchema = z.string().regex(/^[0-9]{4,8}$/).describe('4 to 8 digits');

export const technicianPinCheckSchema = z.object({ technicianId: technicianIdSchema, pin: technicianPinSchema }).strict().meta({ id: 'TechnicianPinCheck' });
export type TechnicianPinCheck = z.infer<typeof technicianPinCheckSchema>;

/**
 * A technician's PIN typed on an ATM's EPP (ATM mode): the kiosk never has
 * the PIN, only the EPP's ISO 9564 format 4 block under the technician PIN
 * key (AES), made with the technician's card number as the PAN. Central
 * recomputes that number from `technicianId`, deciphers with its copy of the
 * key and checks the PIN as `verifyTechnicianPin` does (same lockout, same
 * audit); a block that deciphers to no PIN counts as a wrong PIN.
 */
export const technicianPinBlockCheckSchema = z
  .object({
    technicianId: technicianIdSchema,
    format: z.literal('iso4'),
    pinBlock: z.string().regex(/^[0-9A-F]{32}$/, 'an iso4 block is 32 upper-case hex digits'),
  })
  .strict()
  .meta({ id: 'TechnicianPinBlockCheck' });
export type TechnicianPinBlockCheck = z.infer<typeof technicianPinBlockCheckSchema>;

export const technicianPinAnswerSchema = z
  .object({ technicianId: technicianIdSchema, name: z.string().min(1).max(80), verified: z.literal(true) })
  .meta({ id: 'TechnicianPinAnswer' });

/** `scrypt$N$r$p$salt$hash` (base64), N a power of two no larger than 2^17 so a kiosk can afford it. */
export const scryptHashSchema = z
  .string()
  .max(200)
  .regex(/^scrypt\$[0-9]{1,6}\$[0-9]{1,2}\$[0-9]{1,2}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/)
  .refine((hash) => {
    const [, n, r, p] = hash.split('$').map(Number);
    return n !== undefined && n >= 2 && n <= 131_072 && (n & (n - 1)) === 0 && r! >= 1 && r! <= 16 && p! >= 1 && p! <= 4;
  }, 'scrypt cost out of range');

/**
 * What a kiosk checks a technician with while central is unreachable (issue
 * 13): `pinAndCard`, scrypt(PIN ‖ the 128-bit secret on the technician card's
 * track 3) (common/rules/technicianCardSecret.ts). Null: no card with a secret
 * has been issued to this technician yet, so nothing can be checked offline.
 */
const offlineVerifierSchema = z
  .object({ scheme: z.literal('pinAndCard'), hash: scryptHashSchema })
  .strict()
  .meta({ id: 'OfflineVerifier', description: 'scrypt over the PIN and the card secret (track 3); useless without the physical card.' });

export const offlineTechnicianSchema = z
  .object({ technicianId: technicianIdSchema, name: z.string().min(1).max(80), offlineVerifier: offlineVerifierSchema.nullable() })
  .strict()
  .meta({ id: 'OfflineTechnician', description: 'A technician the kiosk knows (ATM cards, the offline check), with the verifier of PIN and card for the check while central is unreachable.' });
export type OfflineTechnician = z.infer<typeof offlineTechnicianSchema>;

/**
 * An entry as centrals before the card secret pushed it: a hash of the PIN
 * alone, which anyone with a copy of the configuration can search in seconds.
 * Recognised only to be refused (the kiosk audits
 * `maintenance.offlineVerifierRefused` and never checks it), so an old
 * configuration is not rejected whole.
 */
const legacyOfflineTechnicianSchema = z
  .object({ technicianId: technicianIdSchema, name: z.string().min(1).max(80), pinHash: z.string().max(200) })
  .strict()
  .meta({ id: 'LegacyOfflineTechnician', description: 'Refused: a PIN-only hash from a central before card secrets; the kiosk never checks it.' });

export const pushedTechnicianSchema = z.union([offlineTechnicianSchema, legacyOfflineTechnicianSchema]);
export type PushedTechnician = z.infer<typeof pushedTechnicianSchema>;
