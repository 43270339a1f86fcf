import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { err, ok, type Result } from '../../common/result';
import { decipherPinBlock, type PinBlockFormat } from '../pinBlock/pinBlock';
import type { AttestationSigner, SigningError } from './attestation';
import type { BankCustomer } from './customers';
import type { AuthoriseAnswer, AuthoriseRequest, BankDecision } from './wire';

/**
 * The bank's decision on a card and a PIN block, without HTTP. In order:
 * the card must be known with the expiry presented, and not expired; a card
 * whose PIN tries are used up is kept whatever is typed; then the PIN; only
 * after a right PIN does the bank say whether it holds an ID for the holder,
 * so the link is never disclosed to someone without the PIN.
 */

const MAX_PIN_TRIES = 3;
const DECISIONS_KEPT = 100;

interface BankOptions {
  readonly customers: readonly BankCustomer[];
  /** The PIN keys the bank shares with the EPPs, per block format. */
  readonly pinKeys: Readonly<Record<PinBlockFormat, Uint8Array>>;
  /** Signs for the card's bank (attestation.ts). */
  readonly signer: AttestationSigner;
  readonly now: () => number;
  readonly log: Logger;
}

/**
 * pinBlockUnreadable: the block is enciphered under another key or PAN, or
 * damaged; no try is counted, since the holder typed nothing wrong.
 * noSigningKey: the PIN is right but the host holds no signing key for the
 * card's bank, so it cannot vouch (a configuration error); the right PIN
 * still clears the card's wrong tries.
 */
type AuthoriseError = { readonly type: 'pinBlockUnreadable' } | SigningError;

const yymmOf = (expiry: string): string => `${expiry.slice(2, 4)}${expiry.slice(5, 7)}`;

/** Valid to the end of its month (UTC). */
function isExpired(expiry: string, nowMs: number): boolean {
  const [year = 0, month = 0] = expiry.split('-').map(Number);
  return nowMs >= Date.UTC(year, month, 1);
}

function samePin(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export class Bank {
  private readonly cards: ReadonlyMap<string, BankCustomer>;
  /** Consecutive wrong PINs per PAN; MAX_PIN_TRIES blocks the card until a reset. */
  private readonly wrongPins = new Map<string, number>();
  private readonly recent: BankDecision[] = [];

  constructor(private readonly options: BankOptions) {
    this.cards = new Map(options.customers.map((card) => [card.pan, card]));
  }

  async authorise(request: AuthoriseRequest): Promise<Result<AuthoriseAnswer, AuthoriseError>> {
    const { pan, format } = request;
    const card = this.cards.get(pan);
    const now = this.options.now();
    if (!card || yymmOf(card.expiry) !== request.expiry) return this.decided(request, { outcome: 'cardNotLinked' });
    if (isExpired(card.expiry, now)) return this.decided(request, { outcome: 'cardExpired' });
    if ((this.wrongPins.get(pan) ?? 0) >= MAX_PIN_TRIES) return this.decided(request, { outcome: 'retainCard' });

    const typed = decipherPinBlock({ format, block: request.pinBlock, pan, key: this.options.pinKeys[format] });
    if (!typed.ok) {
      this.record(request, 'pinBlockUnreadable');
      return err({ type: 'pinBlockUnreadable' });
    }
    if (!samePin(typed.value.pin, card.pin)) {
      const wrong = (this.wrongPins.get(pan) ?? 0) + 1;
      this.wrongPins.set(pan, wrong);
      if (wrong >= MAX_PIN_TRIES) return this.decided(request, { outcome: 'retainCard' });
      return this.decided(request, { outcome: 'wrongPin', triesLeft: MAX_PIN_TRIES - wrong });
    }
    this.wrongPins.delete(pan);
    if (card.nationalIdNumber === null) return this.decided(request, { outcome: 'cardNotLinked' });
    const attestation = await this.options.signer.sign({ bankCode: card.bankCode, nationalIdNumber: card.nationalIdNumber, panLast4: pan.slice(-4) }, now);
    if (!attestation.ok) {
      this.record(request, 'noSigningKey');
      this.options.log.error({ bankCode: card.bankCode }, 'no signing key for the card’s bank');
      return attestation;
    }
    return this.decided(request, { outcome: 'approved', attestation: attestation.value.token }, attestation.value.jti);
  }

  /** Unblocks a card and clears its wrong PINs; false for a card the bank does not have. */
  resetTries(pan: string): boolean {
    if (!this.cards.has(pan)) return false;
    this.wrongPins.delete(pan);
    this.options.log.info({ panLast4: pan.slice(-4) }, 'PIN tries reset');
    return true;
  }

  /** The latest decisions, oldest first. */
  decisions(): readonly BankDecision[] {
    return [...this.recent];
  }

  private decided(request: AuthoriseRequest, answer: AuthoriseAnswer, attestationId?: string): Result<AuthoriseAnswer, AuthoriseError> {
    this.record(request, answer.outcome, answer.outcome === 'wrongPin' ? answer.triesLeft : undefined, attestationId);
    return ok(answer);
  }

  private record(request: AuthoriseRequest, outcome: BankDecision['outcome'], triesLeft?: number, attestationId?: string): void {
    const decision: BankDecision = {
      at: new Date(this.options.now()).toISOString(),
      panLast4: request.pan.slice(-4),
      format: request.format,
      outcome,
      ...(triesLeft === undefined ? {} : { triesLeft }),
      ...(attestationId === undefined ? {} : { attestationId }),
    };
    this.recent.push(decision);
    if (this.recent.length > DECISIONS_KEPT) this.recent.shift();
    this.options.log.info(decision, 'bank decision');
  }
}
