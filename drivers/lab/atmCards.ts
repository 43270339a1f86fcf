import { maskIdNumber } from '../../common/rules/idNumber';
import type { VirtualCard } from '../cardData/virtualCard';
import type { BankCustomer } from '../bankHost/customers';
import { makeBankCard } from './cards';

/**
 * The bank cards the lab's ATM station takes: one per customer of the
 * simulated bank host (every demo card holder, plus the expired card and the
 * card the bank links to no ID), as the dev dock and the control API list
 * them. The list carries each card's demo PIN, so a person at the dock can
 * type it on the EPP: DEMO ONLY, and said so in the list itself.
 */

export const ATM_CARDS_NOTICE =
  'DEMO ONLY: these are the simulated bank host’s demo cards and PINs. A real bank never discloses a PIN, and no production kiosk has this list.';

type AtmCardStatus = 'valid' | 'expired' | 'unlinked';

export interface AtmCardSummary {
  /** `bank-<PAN>`: what POST /atm/card/insert and the dock take. */
  readonly id: string;
  readonly label: string;
  readonly panLast4: string;
  /** The issuing bank (RJHI, SNB, …). */
  readonly bankCode: string;
  /** The ID number the bank holds for the holder, masked to its last 4; null when the bank holds none. */
  readonly holderIdMasked: string | null;
  /** YYYY-MM: valid to the end of that month. */
  readonly expiry: string;
  /** `expired`: past its expiry month; `unlinked`: the bank holds no ID for the holder. */
  readonly status: AtmCardStatus;
  /** DEMO ONLY (see ATM_CARDS_NOTICE). */
  readonly demoPin: string;
}

export interface AtmCardCatalogue {
  readonly notice: string;
  readonly cards: readonly AtmCardSummary[];
}

/** Whether a YYYY-MM expiry month is over at `now`. */
function isExpired(expiry: string, now: number): boolean {
  const [year = 0, month = 0] = expiry.split('-').map(Number);
  return Date.UTC(year, month, 1) <= now;
}

/** A customer's card as a lab card; the unlinked card carries no holder. */
export function bankCardOf(customer: BankCustomer): VirtualCard {
  const card = makeBankCard(customer.pan, customer.nameOnCard, customer.expiry, customer.nationalIdNumber ?? '');
  if (customer.nationalIdNumber !== null) return card;
  const { holderIdNumber: _none, ...unlinked } = card;
  return unlinked;
}

export function atmCardSummary(customer: BankCustomer, now: number): AtmCardSummary {
  const linked = customer.nationalIdNumber !== null;
  return {
    id: `bank-${customer.pan}`,
    label: `Bank card …${customer.pan.slice(-4)}`,
    panLast4: customer.pan.slice(-4),
    bankCode: customer.bankCode,
    holderIdMasked: linked ? maskIdNumber(customer.nationalIdNumber) : null,
    expiry: customer.expiry,
    status: !linked ? 'unlinked' : isExpired(customer.expiry, now) ? 'expired' : 'valid',
    demoPin: customer.pin,
  };
}
