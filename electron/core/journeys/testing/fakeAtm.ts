import { err, ok } from '../../../../common/result';
import type { Result } from '../../../../common/result';
import type { AtmDeviceError, CardFate, PinEntryOutcome, PinKey, PinRequest } from '../../../../drivers/xfs4iot/atm';
import type { AtmJourneyPorts, AtmReceipt, AtmReceiptError, AuthoriseOutcome, BankCard } from '../../atm/ports';

/**
 * A small stand-in for the ATM and the bank, for specs about the ATM
 * machine's logic: a PIN entry waits for the spec to `type` it (or runs a
 * script queued with `pin`); bank decisions and card motions follow their
 * scripts in order, and after them all goes well. A PIN is keys only — the
 * fake never has digits to leak.
 */

export const ATM_SECRETS = {
  pan: '4847111222333441',
  expiry: '3005',
  attestation: 'eyJhbGciOiJFZERTQSIsImtpZCI6IlJKSEktMSJ9.eyJzdWIiOiIxMDAwMDAwMDA4In0.c2lnbmF0dXJlLXNlY3JldA',
} as const;
export const BANK_CARD: BankCard = { pan: ATM_SECRETS.pan, expiry: ATM_SECRETS.expiry };

export type PinScript =
  | { readonly keys?: readonly PinKey[]; readonly end: 'entered' | 'cancelled' }
  | { readonly keys?: readonly PinKey[]; readonly end: 'fail'; readonly error: AtmDeviceError };
/** Four digits and Enter. */
const FOUR_DIGITS: PinScript = { keys: ['digit', 'digit', 'digit', 'digit', 'enter'], end: 'entered' };
type CardScript = CardFate | 'jammed';

export class FakeAtm implements AtmJourneyPorts {
  readonly settings = { pinBlockFormat: 'iso0' as const, pinLength: { min: 4, max: 12 } };
  readonly pins: PinScript[] = [];
  readonly decisions: AuthoriseOutcome[] = [];
  readonly returns: CardScript[] = [];
  readonly retains: ('ok' | 'jammed')[] = [];
  readonly receipts: AtmReceipt[] = [];
  readonly authorised: BankCard[] = [];
  printerWorks = true;
  #waiting: { request: PinRequest; resolve: (result: Result<PinEntryOutcome, AtmDeviceError>) => void } | undefined;

  pin(...scripts: PinScript[]): this {
    this.pins.push(...scripts);
    return this;
  }

  decide(...outcomes: AuthoriseOutcome[]): this {
    this.decisions.push(...outcomes);
    return this;
  }

  cardBack(...scripts: CardScript[]): this {
    this.returns.push(...scripts);
    return this;
  }

  /** Whether the EPP is taking a PIN now. */
  get entering(): boolean {
    return this.#waiting !== undefined;
  }

  /** The person types on the EPP that is waiting for a PIN. */
  type(script: PinScript = FOUR_DIGITS): void {
    const waiting = this.#waiting;
    if (!waiting) throw new Error('the EPP is not taking a PIN');
    this.#waiting = undefined;
    waiting.resolve(FakeAtm.run(script, waiting.request));
  }

  async readPin(request: PinRequest): Promise<Result<PinEntryOutcome, AtmDeviceError>> {
    const script = this.pins.shift();
    await Promise.resolve();
    request.onReady?.();
    if (script) return FakeAtm.run(script, request);
    return new Promise((resolve) => {
      this.#waiting = { request, resolve };
      request.signal?.addEventListener(
        'abort',
        () => {
          this.#waiting = undefined;
          resolve(err({ type: 'aborted', device: 'pinPad' }));
        },
        { once: true },
      );
    });
  }

  private static run(script: PinScript, request: PinRequest): Result<PinEntryOutcome, AtmDeviceError> {
    for (const key of script.keys ?? []) request.onKey(key);
    if (script.end === 'fail') return err(script.error);
    const digits = (script.keys ?? []).reduce((count, key) => (key === 'digit' ? count + 1 : key === 'clear' ? 0 : count), 0);
    return ok(script.end === 'entered' ? { outcome: 'entered', digits } : { outcome: 'cancelled' });
  }

  async authorise(card: BankCard): Promise<AuthoriseOutcome> {
    this.authorised.push(card);
    return this.decisions.shift() ?? { kind: 'approved', attestation: ATM_SECRETS.attestation };
  }

  async returnCard(): Promise<Result<CardFate, AtmDeviceError>> {
    const script = this.returns.shift() ?? 'taken';
    return script === 'jammed' ? err({ type: 'jammed' }) : ok(script);
  }

  async retainCard(): Promise<Result<void, AtmDeviceError>> {
    return this.retains.shift() === 'jammed' ? err({ type: 'jammed' }) : ok();
  }

  async printReceipt(receipt: AtmReceipt): Promise<Result<void, AtmReceiptError>> {
    this.receipts.push(receipt);
    return this.printerWorks ? ok() : err({ type: 'paperOut' });
  }
}
