import { luhnCheckDigit } from '../luhn';

/**
 * A technician card's number as the maintenance organisation issues it: its
 * issuer number (IIN, `999901` by default: major industry identifier 9,
 * national assignment, far from any bank's), the technician's number
 * zero-padded to 9 digits, and the Luhn check digit (16 digits in all).
 *
 * At an ATM a card is taken for a technician's only when its number is
 * exactly the number issued to a technician central lists in the kiosk's
 * configuration (`technicianOfCard`): what matched is the technician, not a
 * prefix that happens to look right. The same number is the "PAN" the EPP
 * binds into the technician's ISO 9564 format 4 PIN block, and central
 * recomputes it from the technician's number before it deciphers one.
 */

const TECHNICIAN_CARD_ISSUER = '999901';
const TECHNICIAN_NUMBER_DIGITS = 9;

/** The card number issued to a technician (`technicianId` without leading zeros, as central keeps it); null for a number that cannot be on a card. */
export function technicianCardNumber(technicianId: string, issuer: string = TECHNICIAN_CARD_ISSUER): string | null {
  if (!/^[1-9][0-9]{0,8}$/.test(technicianId) || !/^[0-9]{6}$/.test(issuer)) return null;
  const payload = `${issuer}${technicianId.padStart(TECHNICIAN_NUMBER_DIGITS, '0')}`;
  const check = luhnCheckDigit(payload);
  return check === undefined ? null : `${payload}${check}`;
}

/**
 * The technician (of those central lists) whose card has exactly this
 * number, or null: any other card, a bank card included, is not a
 * technician's, whatever its digits look like.
 */
export function technicianOfCard<T extends { readonly technicianId: string }>(cardNumber: string, technicians: readonly T[], issuer: string = TECHNICIAN_CARD_ISSUER): T | null {
  return technicians.find((technician) => technicianCardNumber(technician.technicianId, issuer) === cardNumber) ?? null;
}
