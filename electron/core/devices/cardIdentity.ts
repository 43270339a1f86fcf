import type { CardIdentity, UnknownCardReason } from '../../../drivers/cardData/classify';
import type { CardholderName } from '../../../drivers/cardData/tracks';

/**
 * Who a card says its holder is, in the form flows use. A bank card's PAN is
 * masked here, at the edge: nothing above this line ever holds the full PAN.
 * Shared by the card slot and the swipe reader.
 */

export type CardHolderIdentity =
  | {
      readonly kind: 'nationalId' | 'iqama';
      readonly idNumber: string;
      /** YYYY-MM-DD */
      readonly expiry: string;
      readonly expired: boolean;
    }
  | {
      readonly kind: 'bank';
      /** Every digit but the last four replaced by '*'. */
      readonly maskedPan: string;
      readonly panLast4: string;
      /** YYYY-MM */
      readonly expiry: string;
      readonly expired: boolean;
      /** As on track 1, when it could be read. The linked ID number comes from the bank, not the card. */
      readonly cardholderName?: CardholderName;
    }
  | { readonly kind: 'technician'; readonly technicianId: string }
  | { readonly kind: 'unreadable'; readonly reason: UnknownCardReason['type'] };

export function maskPan(pan: string): string {
  return pan.length <= 4 ? '****' : `${'*'.repeat(pan.length - 4)}${pan.slice(-4)}`;
}

/** YYMM from a stripe → YYYY-MM (ISO 7813 expiry years are 20YY for any card in use). */
function stripeExpiry(yymm: string): string {
  return `20${yymm.slice(0, 2)}-${yymm.slice(2, 4)}`;
}

/** `today` is YYYY-MM-DD; a card is valid through its expiry date (a bank card through its month). */
export function holderIdentityOf(card: CardIdentity, today: string): CardHolderIdentity {
  switch (card.kind) {
    case 'nationalId':
    case 'iqama':
      return { kind: card.kind, idNumber: card.idNumber, expiry: card.expiry, expired: card.expiry < today };
    case 'bank': {
      const expiry = stripeExpiry(card.expiry);
      return {
        kind: 'bank',
        maskedPan: maskPan(card.pan),
        panLast4: card.pan.slice(-4),
        expiry,
        expired: expiry < today.slice(0, 7),
        ...(card.name ? { cardholderName: card.name } : {}),
      };
    }
    case 'technician':
      return { kind: 'technician', technicianId: card.technicianId };
    case 'unknown':
      return { kind: 'unreadable', reason: card.reason.type };
  }
}
