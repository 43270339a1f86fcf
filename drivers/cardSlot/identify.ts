import { err, ok, type Result } from '../../common/result';
import { atrProtocols, type ApduTransmit } from '../cardData/apdu';
import { classifyCard, DEFAULT_CLASSIFY_CONFIG, type CardIdentity, type ClassifyConfig } from '../cardData/classify';
import { DEFAULT_ID_CARD_CONFIG, readNationalId, type IdCardConfig, type IdentityFile } from '../cardData/nationalIdCard';
import type { CardSlot, CardSlotError, SignalOption } from './driver';

/**
 * Who does the card in the slot belong to: reads the stripe and/or the chip
 * and classifies (cardData/classify.ts). The chip is left powered at the IC
 * position; ejecting or retaining the card lifts the contacts.
 */

interface IdentifyOptions extends SignalOption {
  readonly idCard?: IdCardConfig;
  readonly classify?: ClassifyConfig;
  /** Bank and technician cards answer on the stripe, ID cards on the chip: ask the likelier one first. */
  readonly order?: 'tracksFirst' | 'chipFirst';
}

type ChipRead = { readonly kind: 'identity'; readonly identity: IdentityFile } | { readonly kind: 'none' } | { readonly kind: 'unreadable' };

async function readChip(slot: CardSlot, config: IdCardConfig, options: SignalOption): Promise<Result<ChipRead, CardSlotError>> {
  const landed = await slot.moveToIc(options);
  if (!landed.ok) return landed;
  const atr = await slot.iccActivate(options);
  if (!atr.ok) {
    // 6x: no chip, or one the reader cannot talk to: simply not an ID card.
    if (atr.error.type === 'reader' && atr.error.error.code.startsWith('6')) return ok({ kind: 'none' });
    return atr;
  }
  const protocol = atrProtocols(atr.value).includes('T1') ? 'T1' : 'T0';
  const transmit: ApduTransmit<CardSlotError> = (apdu) => slot.apdu(apdu, protocol, options);
  const read = await readNationalId(transmit, config);
  if (read.ok) return ok({ kind: 'identity', identity: read.value });
  const { error } = read;
  switch (error.type) {
    case 'applicationNotFound':
      return ok({ kind: 'none' });
    case 'fileNotFound':
    case 'readFailed':
    case 'badFile':
      return ok({ kind: 'unreadable' });
    case 'config':
      return err({ type: 'protocol', reason: `ID card configuration: ${error.reason}` });
    case 'exchange': {
      const failure = error.error;
      if (failure.type === 'transport') {
        const cause = failure.error;
        // A chip error on one APDU means we cannot read it, not that the reader failed.
        if (cause.type === 'reader' && cause.error.code.startsWith('6')) return ok({ kind: 'unreadable' });
        return err(cause);
      }
      return ok({ kind: 'unreadable' });
    }
  }
}

async function readStripe(slot: CardSlot, options: SignalOption): Promise<Result<{ track1?: string; track2?: string }, CardSlotError>> {
  const reads = await slot.readTracks([2, 1], options);
  if (!reads.ok) return reads;
  const track1 = reads.value[1];
  const track2 = reads.value[2];
  return ok({
    ...(track1?.ok ? { track1: track1.value } : {}),
    ...(track2?.ok ? { track2: track2.value } : {}),
  });
}

export async function identifyCard(slot: CardSlot, options: IdentifyOptions = {}): Promise<Result<CardIdentity, CardSlotError>> {
  const classify = options.classify ?? DEFAULT_CLASSIFY_CONFIG;
  const idCard = options.idCard ?? DEFAULT_ID_CARD_CONFIG;
  const fromChip = async (): Promise<Result<CardIdentity | undefined, CardSlotError>> => {
    const chip = await readChip(slot, idCard, options);
    if (!chip.ok) return chip;
    if (chip.value.kind === 'identity') return ok(classifyCard({ chipIdentity: chip.value.identity }, classify));
    if (chip.value.kind === 'unreadable') return ok({ kind: 'unknown', reason: { type: 'unreadableChip' } });
    return ok(undefined);
  };
  const fromStripe = async (): Promise<Result<CardIdentity | undefined, CardSlotError>> => {
    const stripe = await readStripe(slot, options);
    if (!stripe.ok) return stripe;
    if (stripe.value.track1 === undefined && stripe.value.track2 === undefined) return ok(undefined);
    return ok(classifyCard(stripe.value, classify));
  };
  const steps = options.order === 'chipFirst' ? [fromChip, fromStripe] : [fromStripe, fromChip];
  for (const step of steps) {
    const found = await step();
    if (!found.ok) return found;
    if (found.value) return ok(found.value);
  }
  return ok({ kind: 'unknown', reason: { type: 'nothingReadable' } });
}
