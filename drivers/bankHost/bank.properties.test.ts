import fc from 'fast-check';
import pino from 'pino';
import { expect, it } from 'vitest';
import { demoPinKey } from '../pinBlock/demoKeys';
import { encipherPinBlock, type PinBlockFormat } from '../pinBlock/pinBlock';
import { attestationSigner, DEMO_SIGNING_KEYS } from './attestation';
import { Bank } from './bank';

const signer = await attestationSigner(DEMO_SIGNING_KEYS);
const formats = fc.constantFrom<PinBlockFormat>('iso0', 'iso4');
const pins = fc.stringMatching(/^[0-9]{4,12}$/);
const pans = fc.stringMatching(/^[0-9]{13,19}$/);

function bankWith(pan: string, pin: string): Bank {
  return new Bank({
    customers: [{ pan, pin, bankCode: 'RJHI', expiry: '2030-12', nationalIdNumber: '1000000008', nameOnCard: 'TEST/CARD' }],
    pinKeys: { iso0: demoPinKey('iso0'), iso4: demoPinKey('iso4') },
    signer,
    now: () => Date.UTC(2026, 0, 1),
    log: pino({ level: 'silent' }),
  });
}

function blockUnder(key: Uint8Array, format: PinBlockFormat, pin: string, pan: string): string {
  const block = encipherPinBlock({ format, pin, pan, key });
  if (!block.ok) throw new Error(block.error.type);
  return block.value;
}

it('a block the EPP builds under the shared key is approved for the card’s PIN, whatever the PIN and PAN', async () => {
  await fc.assert(
    fc.asyncProperty(formats, pins, pans, async (format, pin, pan) => {
      const decided = await bankWith(pan, pin).authorise({ pan, expiry: '3012', format, pinBlock: blockUnder(demoPinKey(format), format, pin, pan) });
      expect(decided.ok && decided.value.outcome).toBe('approved');
    }),
    { numRuns: 50 },
  );
});

it('a block under any other key is never approved', async () => {
  await fc.assert(
    fc.asyncProperty(formats, pins, pans, fc.uint8Array({ minLength: 16, maxLength: 16 }), async (format, pin, pan, key) => {
      fc.pre(Buffer.compare(Buffer.from(key), Buffer.from(demoPinKey(format))) !== 0);
      const decided = await bankWith(pan, pin).authorise({ pan, expiry: '3012', format, pinBlock: blockUnder(key, format, pin, pan) });
      expect(decided.ok && decided.value.outcome === 'approved').toBe(false);
    }),
    { numRuns: 50 },
  );
});
