/**
 * A card as the simulators hold it: what is on its stripe and what its chip
 * answers. The lab's factories make them (drivers/lab/cards.ts); the card
 * slot and swipe reader simulators only read them.
 */

export type VirtualCardKind = 'nationalId' | 'iqama' | 'bank' | 'technician';
export type ChipProtocol = 'T0' | 'T1';

/** Track text as encoded on the stripe, with start and end sentinels. */
export interface VirtualTracks {
  readonly track1?: string;
  readonly track2?: string;
  readonly track3?: string;
}

/** A contact chip: reset gives the ATR, then it answers command APDUs with response APDUs. */
export interface VirtualChip {
  readonly atr: Uint8Array;
  readonly protocols: readonly ChipProtocol[];
  /** Cold reset: nothing selected any more. Returns the ATR. */
  reset(): Uint8Array;
  transmit(apdu: Uint8Array, protocol: ChipProtocol): Uint8Array;
}

export interface VirtualCard {
  readonly id: string;
  readonly kind: VirtualCardKind;
  /** For the dev dock's list; never shown to a customer. */
  readonly label: string;
  readonly tracks?: VirtualTracks;
  readonly chip?: VirtualChip;
  /** The national ID / iqama number the card belongs to (a bank card's linked ID); none for technician cards. */
  readonly holderIdNumber?: string;
  /** ISO date YYYY-MM-DD (bank cards: the last day is not on the stripe, only YYMM). */
  readonly expiry: string;
}
