import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readerError, SANKYO_ERROR_CODES } from '../../../../drivers/cardSlot/errors';
import { cardSlotFailure } from './errors';

const refused = (code: string) => cardSlotFailure({ type: 'reader', command: 'C30', error: readerError(code) });

describe('what a card slot error means for a flow and for the device', () => {
  it('a jam, a full bin and a mechanical fault put the reader in hardware error; the flow is told which', () => {
    expect(refused('10')).toEqual({ error: { type: 'jammed' }, fault: { hardware: 'jam' } });
    expect(refused('11')).toEqual({ error: { type: 'jammed' }, fault: { hardware: 'jam' } });
    expect(refused('50')).toEqual({ error: { type: 'binFull' }, fault: { hardware: 'binFull' } });
    expect(refused('30')).toMatchObject({ error: { type: 'deviceError' }, fault: { hardware: 'deviceFault' } });
  });

  it('a reader that stopped answering is reset; one unplugged or a caller who gave up is not a fault', () => {
    expect(cardSlotFailure({ type: 'timeout', waitedMs: 2_000 })).toEqual({ error: { type: 'noAnswer' }, fault: { reset: 'noAnswer' } });
    expect(cardSlotFailure({ type: 'noAck', sends: 3 })).toEqual({ error: { type: 'noAnswer' }, fault: { reset: 'noAnswer' } });
    expect(cardSlotFailure({ type: 'disconnected' })).toEqual({ error: { type: 'disconnected' } });
    expect(cardSlotFailure({ type: 'aborted' })).toEqual({ error: { type: 'aborted' } });
  });

  it('no card (error 02, or a card that is not there) is "noCard"; a card left at the gate is a card error, not a device fault', () => {
    expect(refused('02')).toEqual({ error: { type: 'noCard' } });
    expect(cardSlotFailure({ type: 'wrongPosition', position: 'noCard' })).toEqual({ error: { type: 'noCard' } });
    expect(cardSlotFailure({ type: 'wrongPosition', position: 'atGate' })).toEqual({ error: { type: 'cardError', code: 'position', message: 'the card is atGate' } });
    expect(cardSlotFailure({ type: 'cardNotTaken', retained: false })).toEqual({ error: { type: 'cardError', code: '46', message: 'ejected card not taken in time' } });
  });

  it('any other reader code, documented or not, reaches the flow as a card error with its code and never faults the device', () => {
    const hardware = new Set(['02', '10', '11', '30', '50']);
    const codes = fc.oneof(fc.constantFrom(...SANKYO_ERROR_CODES), fc.stringMatching(/^[0-9A-Z]{2}$/));
    fc.assert(
      fc.property(codes, (code) => {
        fc.pre(!hardware.has(code));
        const failure = refused(code);
        expect(failure.fault).toBeUndefined();
        expect(failure.error).toMatchObject({ type: 'cardError', code });
      }),
    );
  });
});
