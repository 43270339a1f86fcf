import { createHash } from 'node:crypto';
import { DEMO_BANK_CODES, generatePopulation, type LabPopulation } from '../../common/demo/population';
import { luhnCheckDigit } from '../../common/luhn';

/**
 * The simulated bank host's cards, of every bank it answers for. For the
 * demo they come from the demo population: everyone with a bank card (same
 * PAN, expiry, name and issuing bank as the lab's card) is a customer linked
 * to their ID number, with a demo PIN that the lab's catalogue publishes.
 * Three more cards show the refusals the population has no card for: one
 * expired, one the bank holds no ID for, one the bank holds a mistyped ID for.
 */

export interface BankCustomer {
  readonly pan: string;
  /** The card's issuing bank (RJHI, SNB, …): an approved attestation is that bank's, signed with its key. */
  readonly bankCode: string;
  /** YYYY-MM; the card is valid to the end of that month. */
  readonly expiry: string;
  /** The ID or iqama number the bank holds for the card holder; null when it holds none. */
  readonly nationalIdNumber: string | null;
  /** Track 1 form SURNAME/GIVEN, for the lab's card. */
  readonly nameOnCard: string;
  /** DEMO ONLY: a real bank holds a PIN verification value in its HSM, never the PIN. */
  readonly pin: string;
}

/**
 * The demo PIN of a card: 4 digits from SHA-256 over the holder's ID number
 * (or the PAN when the bank holds no ID), skipping any that appear inside
 * that ID number or the PAN, so a spec that looks for the PIN in logs finds
 * only a leak, never the ID or the card's last digits.
 */
function demoPinFor(card: { readonly pan: string; readonly nationalIdNumber: string | null }): string {
  for (let round = 0; ; round += 1) {
    const digest = createHash('sha256').update(`demo bank PIN|${card.nationalIdNumber ?? card.pan}|${round}`).digest();
    const pin = String(digest.readUInt32BE(0) % 10_000).padStart(4, '0');
    if (!card.pan.includes(pin) && !(card.nationalIdNumber ?? '').includes(pin)) return pin;
  }
}

function customer(card: Omit<BankCustomer, 'pin'>): BankCustomer {
  return { ...card, pin: demoPinFor(card) };
}

const demoPan = (payload: string): string => `${payload}${luhnCheckDigit(payload) ?? ''}`;

/** An expired card of the third featured person (registered, with a bank card: the one who would activate at an ATM), of the same bank as their current card. */
export const DEMO_EXPIRED_CARD_PAN = demoPan('484799000000001');
/** A card of a customer the bank holds no ID number for; its bank is DEMO_UNLINKED_CARD_BANK. */
export const DEMO_UNLINKED_CARD_PAN = demoPan('484799000000002');
export const DEMO_UNLINKED_CARD_BANK: string = DEMO_BANK_CODES[0];
/**
 * A card whose holder the bank recorded with a mistyped ID number (the third
 * featured person's, last digit wrong, so it fails the check digit): the bank
 * vouches for it, and central refuses the ID it was given.
 */
export const DEMO_MISRECORDED_ID_CARD_PAN = demoPan('484799000000003');

/** An ID number with its last digit one on: its check digit no longer holds. */
export const misrecordedIdNumber = (idNumber: string): string => `${idNumber.slice(0, -1)}${(Number(idNumber.slice(-1)) + 1) % 10}`;

export function demoBankCustomers(population: LabPopulation = generatePopulation()): BankCustomer[] {
  const customers: BankCustomer[] = [];
  for (const person of population.people) {
    if (!person.bankCard) continue;
    const { pan, bankCode, expiry, nameOnCard } = person.bankCard;
    customers.push(customer({ pan, bankCode, expiry, nameOnCard, nationalIdNumber: person.idNumber }));
  }
  const holder = population.people[2];
  if (holder?.bankCard) {
    customers.push(customer({ pan: DEMO_EXPIRED_CARD_PAN, bankCode: holder.bankCard.bankCode, expiry: '2024-06', nameOnCard: holder.bankCard.nameOnCard, nationalIdNumber: holder.idNumber }));
  }
  if (holder?.bankCard) {
    customers.push(
      customer({ pan: DEMO_MISRECORDED_ID_CARD_PAN, bankCode: holder.bankCard.bankCode, expiry: '2030-12', nameOnCard: holder.bankCard.nameOnCard, nationalIdNumber: misrecordedIdNumber(holder.idNumber) }),
    );
  }
  customers.push(customer({ pan: DEMO_UNLINKED_CARD_PAN, bankCode: DEMO_UNLINKED_CARD_BANK, expiry: '2030-12', nameOnCard: 'TRAVELLER/CARD', nationalIdNumber: null }));
  return customers;
}
