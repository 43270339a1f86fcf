import { scrypt, timingSafeEqual } from 'node:crypto';
import { scryptHashSchema } from '../../../common/wire/technicians';

/**
 * The PIN check while central is unreachable: against the salted scrypt
 * hash central pushed for this technician (`scrypt$N$r$p$salt$hash`, the
 * format central's credentials use). A hash that is not that format, or
 * whose cost is beyond what the kiosk allows (the wire schema bounds it),
 * matches nothing.
 */
export async function offlinePinMatches(pin: string, stored: string): Promise<boolean> {
  if (!scryptHashSchema.safeParse(stored).success) return false;
  const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, 'base64');
  if (expected.length < 16) return false;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  return timingSafeEqual(key, expected);
}
