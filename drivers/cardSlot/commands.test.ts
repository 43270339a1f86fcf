import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INITIALIZE_SETTINGS,
  commands,
  decodeInitializeSettings,
  encodeInitializeSettings,
  initializeModeOf,
  replyAnswers,
  type InitializeSettings,
} from './commands';
import { SANKYO_ERROR_CODES, readerError } from './errors';
import { decodeCommand, encodeCommand } from './text';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

describe('the command table as bytes (MCT3Q8-3A0264 §8.1)', () => {
  it.each([
    ['initialize with the documented settings', commands.initialize('cardToGate', DEFAULT_INITIALIZE_SETTINGS), 'C0032400000011'],
    ['initialize, capture, counting retracts', commands.initialize('capture', DEFAULT_INITIALIZE_SETTINGS, true), 'C0532400000011'],
    ['initialize, keep inside, counting retracts', commands.initialize('keepInside', undefined, true), 'C06'],
    ['sensor status, one byte', commands.sensorStatus('basic'), 'C11'],
    ['sensor status, expanded', commands.sensorStatus(), 'C12'],
    ['sensor status even on error', commands.sensorStatus('expandedEvenOnError'), 'C13'],
    ['card entry, any card', commands.acceptCard('anyCard'), 'C20'],
    ['card entry from the rear', commands.acceptCard('fromRear'), 'C22'],
    ['eject protruding 16 ms', commands.ejectToGate(16), 'C30016'],
    ['OUT2 blinking at 500 ms', commands.output(2, 'blink', 500), 'C5131'],
    ['OUT1 on', commands.output(1, 'on'), 'C500'],
    ['external inputs', commands.externalInputs(), 'C58'],
    ['move the card only', commands.moveCardOnly(), 'C60'],
    ['clear the track buffer', commands.clearTrackBuffer(), 'C66'],
    ['track presence', commands.trackPresence(), 'C67'],
    ['single-pass read of track 1', commands.readTrack(1, true), 'C69'],
    ['single-pass read of track 3', commands.readTrack(3, true), 'C6;'],
    ['write track 2', commands.writeTrack(2, '123=45'), 'C72123=45'],
    ['buffer track 3', commands.bufferTrack(3, '99'), 'C7899'],
    ['write the buffered tracks', commands.writeBufferedTracks(), 'C79'],
    ['write mode', commands.writeMode(), 'C7000'],
    ['track formats without track 3', commands.trackFormats({ 1: true, 2: true, 3: false }), 'C7U3200'],
    ['maintenance mode', commands.enterMaintenance(), 'C=0'],
    ['sensor life check', commands.sensorLevels('lifeCheck'), 'C>2'],
    ['user revision', commands.revision('user'), 'CA1'],
    ['retract counter read', commands.readRetractCounter(), 'CC0'],
    ['retract counter set to 0', commands.setRetractCounter(0), 'CC100'],
    ['ICC activate, ISO 3 V', commands.iccActivate('iso3V'), 'CI05'],
    ['ICC status', commands.iccStatus(), 'CI2'],
    ['ICC warm reset', commands.iccWarmReset(), 'CI8'],
    ['ICC next part', commands.apduNextPart(), 'CI7'],
    ['SAM status', commands.samStatus(), 'CIB'],
    ['SAM 2 selected', commands.samSelect(2), 'CIP2'],
    ['switch to the supervisor area', commands.switchToSupervisor(), 'CK0'],
    ['monitor removal for 15 s', commands.monitorRemoval(15), 'CT015'],
    ['I2C power on, 5 V, 2-byte addresses', commands.i2cPowerOn(5, 2), 'CU002'],
  ])('%s is %s', (_name, cmd, expected) => {
    expect(text(encodeCommand(cmd))).toBe(expected);
  });

  it('refuses values the reader would refuse, before they reach the line', () => {
    expect(() => commands.ejectToGate(21)).toThrow(RangeError);
    expect(() => commands.setRetractCounter(100)).toThrow(RangeError);
    expect(() => commands.monitorRemoval(31)).toThrow(RangeError);
  });

  it('every built command decodes back to the same cm pm data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 30 }), fc.uint8Array({ minLength: 4, maxLength: 300 }), (n, seconds, apdu) => {
        for (const cmd of [commands.setRetractCounter(n), commands.monitorRemoval(seconds), commands.apdu('auto', apdu), commands.samApdu('T1', apdu)]) {
          expect(decodeCommand(encodeCommand(cmd))).toEqual({ ok: true, value: cmd });
        }
      }),
    );
  });
});

const settings: fc.Arbitrary<InitializeSettings> = fc.record({
  powerDown: fc.constantFrom('eject' as const, 'ejectUnlessWriting' as const, 'keep' as const, 'offerThenCapture' as const),
  finishWriteOnPowerDown: fc.boolean(),
  testShutter: fc.boolean(),
  dsr: fc.constantFrom('atPowerOn' as const, 'ejectOnDrop' as const, 'retrieveOnDrop' as const),
  reportType: fc.boolean(),
  pulledOutIsError: fc.boolean(),
});

describe('Initialize settings', () => {
  it('round-trip through the command data', () => {
    fc.assert(
      fc.property(settings, (value) => {
        expect(decodeInitializeSettings(ascii(encodeInitializeSettings(value)))).toEqual(value);
      }),
    );
  });

  it('take the settings left off the end as "0", as the manual says', () => {
    expect(decodeInitializeSettings(ascii('324000'))).toEqual({
      powerDown: 'eject',
      finishWriteOnPowerDown: false,
      testShutter: true,
      dsr: 'atPowerOn',
      reportType: false,
      pulledOutIsError: false,
    });
    expect(decodeInitializeSettings(new Uint8Array(0))).toMatchObject({ reportType: false, pulledOutIsError: false });
  });

  it('refuse data the reader cannot take', () => {
    for (const bad of ['32', '3240X00', '32401', '324009000000']) expect(decodeInitializeSettings(ascii(bad)), bad).toBeUndefined();
  });

  it('pm 4..6 are pm 0..2 with the retract counter on; there is no pm 7', () => {
    expect(initializeModeOf('5')).toEqual({ mode: 'capture', countRetracts: true });
    expect(initializeModeOf('3')).toEqual({ mode: 'dontMove', countRetracts: false });
    expect(initializeModeOf('7')).toBeUndefined();
  });
});

describe('which reply answers which command', () => {
  it('echoes cm pm, except ICC exchanges whose px says whether more follows', () => {
    expect(replyAnswers(commands.status(), { cm: '1', pm: '0' })).toBe(true);
    expect(replyAnswers(commands.status(), { cm: '1', pm: '2' })).toBe(false);
    expect(replyAnswers(commands.apdu('auto', Uint8Array.of(0, 0xa4, 0, 0)), { cm: 'I', pm: '4' })).toBe(true);
    expect(replyAnswers(commands.apdu('T0', Uint8Array.of(0, 0xa4, 0, 0)), { cm: 'I', pm: '5' })).toBe(true);
    expect(replyAnswers(commands.apduNextPart(), { cm: 'I', pm: '6' })).toBe(true);
    expect(replyAnswers(commands.iccActivate(), { cm: 'I', pm: '4' })).toBe(false);
  });
});

describe('error codes', () => {
  it('every documented code has its own typed reason and a category', () => {
    const reasons = SANKYO_ERROR_CODES.map((code) => readerError(code));
    expect(new Set(reasons.map((error) => error.reason)).size).toBe(SANKYO_ERROR_CODES.length);
    expect(SANKYO_ERROR_CODES).toEqual(expect.arrayContaining(['04', '12', '15', '17', '18', '19', '25', '29', '31', '45', '51', '62', '64', '65', '69']));
    expect(readerError('45')).toMatchObject({ known: true, reason: 'forcedEject', category: 'removal' });
    expect(readerError('17')).toMatchObject({ reason: 'retrieveJam', category: 'mechanism' });
  });

  it('keeps a code the table leaves blank as undocumented', () => {
    expect(readerError('67')).toMatchObject({ known: false, reason: 'undocumented', code: '67' });
    expect(readerError('03')).toMatchObject({ known: false });
  });
});
