import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TECHNICIAN_PIN_KEY_HEX } from '../../common/demo/technicianPinKey';
import { technicianCardNumber } from '../../common/rules/technicianCard';
import { problemSchema } from '../../common/wire/problem';
import { encipherPinBlock } from '../../drivers/pinBlock/pinBlock';
import { readOptions } from '../options';
import { startTestCentral, TestClock, type TestCentral } from '../testing/harness';
import { TestKiosk } from '../testing/kioskClient';
import { pinFromTechnicianBlock } from './pinBlockKey';

/**
 * ATM-mode maintenance, central's half: the EPP's technician PIN block
 * (ISO 9564 format 4 under the technician key, the technician's card number
 * as the PAN) deciphered by central and checked as a typed PIN is.
 */

const KEY = Uint8Array.from(Buffer.from(DEMO_TECHNICIAN_PIN_KEY_HEX, 'hex'));
const OTHER_KEY = Uint8Array.from(Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'));
const ROUTE = '/v1/kiosks/technicians/verify-pin-block';
const LIMITS = { perKiosk: { max: 10_000, windowSeconds: 60 }, perTarget: { max: 10_000, windowSeconds: 60 }, enrolment: { max: 100, windowSeconds: 60 } };

/** What the lab's EPP hands out for `pin` typed after technician `id`'s card. */
function eppBlock(pin: string, id: string, key: Uint8Array = KEY): string {
  const block = encipherPinBlock({ format: 'iso4', pin, pan: technicianCardNumber(id)!, key });
  if (!block.ok) throw new Error(block.error.type);
  return block.value;
}

describe('central deciphers a technician PIN block as the EPP made it', () => {
  const pins = fc.stringMatching(/^[0-9]{4,12}$/);
  const ids = fc.integer({ min: 1, max: 999_999_999 }).map(String);

  it('gives back the PIN for the technician’s own card number, under central’s copy of the key', () => {
    fc.assert(fc.property(pins, ids, (pin, id) => pinFromTechnicianBlock(eppBlock(pin, id), technicianCardNumber(id)!, KEY) === pin));
  });

  it('gives no PIN for another technician’s card, under another key, or for a damaged block', () => {
    fc.assert(
      fc.property(pins, ids, ids, fc.integer({ min: 0, max: 31 }), (pin, id, other, at) => {
        fc.pre(id !== other);
        const block = eppBlock(pin, id);
        const flipped = `${block.slice(0, at)}${((Number.parseInt(block[at]!, 16) + 1) % 16).toString(16).toUpperCase()}${block.slice(at + 1)}`;
        return (
          pinFromTechnicianBlock(block, technicianCardNumber(other)!, KEY) === null &&
          pinFromTechnicianBlock(eppBlock(pin, id, OTHER_KEY), technicianCardNumber(id)!, KEY) === null &&
          pinFromTechnicianBlock(flipped, technicianCardNumber(id)!, KEY) === null
        );
      }),
    );
  });

  it('refuses what is not a block, a card number or an AES key', () => {
    const card = technicianCardNumber('1001')!;
    expect(pinFromTechnicianBlock('XYZ', card, KEY)).toBeNull();
    expect(pinFromTechnicianBlock(eppBlock('2468', '1001').slice(2), card, KEY)).toBeNull();
    expect(pinFromTechnicianBlock(eppBlock('2468', '1001'), '12', KEY)).toBeNull();
    expect(pinFromTechnicianBlock(eppBlock('2468', '1001'), card, KEY.subarray(0, 8))).toBeNull();
  });

  it('production refuses the demo technician key and holds none unless given one', () => {
    expect(() => readOptions({ dataDir: '/x', profile: 'production', technicianPinKey: DEMO_TECHNICIAN_PIN_KEY_HEX.toLowerCase() })).toThrow(/demo technician PIN key/);
    expect(readOptions({ dataDir: '/x', profile: 'production' }).technicianPinKey).toBeUndefined();
    expect(readOptions({ dataDir: '/x' }).technicianPinKey).toBe(DEMO_TECHNICIAN_PIN_KEY_HEX);
  });
});

describe('POST /v1/kiosks/technicians/verify-pin-block', () => {
  let dataDir: string;
  const clock = new TestClock();
  let central: TestCentral;
  let kiosk: TestKiosk;
  const check = (technicianId: string, pinBlock: string) => kiosk.call(ROUTE, { body: { technicianId, format: 'iso4', pinBlock } });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'central-techblock-'));
    central = await startTestCentral({ dataDir, clock, populationSize: 10, rateLimits: LIMITS });
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol(await central.issueEnrolmentCode())).status).toBe(201);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the right PIN’s block signs the technician in; a wrong PIN and a garbled block each count; the fifth locks (423); every check audited', async () => {
    const right = await check('1002', eppBlock('1357', '1002'));
    expect(right).toMatchObject({ status: 200, body: { technicianId: '1002', name: 'Technician Two', verified: true } });

    const remaining: (number | undefined)[] = [];
    for (const block of [eppBlock('0000', '1001'), eppBlock('2468', '1002'), eppBlock('2468', '1001', OTHER_KEY), eppBlock('9999', '1001')]) {
      const answer = await check('1001', block);
      expect(answer.status).toBe(401);
      remaining.push(problemSchema.parse(answer.body).attemptsRemaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const fifth = await check('1001', eppBlock('1111', '1001'));
    expect(fifth.status).toBe(423);
    expect(problemSchema.parse(fifth.body)).toMatchObject({ code: 'technician_locked', attemptsRemaining: 0 });
    // Locked: the right PIN is refused unchecked.
    const locked = await check('1001', eppBlock('2468', '1001'));
    expect(locked.status).toBe(423);
    expect(problemSchema.parse(locked.body).attemptsRemaining).toBeUndefined();

    const rows = await central.rows('SELECT technician_id, outcome FROM technician_pin_checks ORDER BY rowid');
    expect(rows.map((row) => `${String(row.technician_id)}:${String(row.outcome)}`)).toEqual([
      '1002:verified',
      '1001:wrong',
      '1001:wrong',
      '1001:wrong',
      '1001:wrong',
      '1001:wrong',
      '1001:locked',
    ]);
  });

  it('refuses a malformed request (lower-case hex, format 0, extra field) with invalid_request, counting nothing', async () => {
    const block = eppBlock('2468', '1002');
    for (const body of [
      { technicianId: '1002', format: 'iso4', pinBlock: block.toLowerCase() },
      { technicianId: '1002', format: 'iso0', pinBlock: block },
      { technicianId: '1002', format: 'iso4', pinBlock: block, pin: '1357' },
    ]) {
      const answer = await kiosk.call(ROUTE, { body });
      expect(answer.status).toBe(400);
      expect(problemSchema.parse(answer.body).code).toBe('invalid_request');
    }
    expect(await central.rows('SELECT 1 FROM technician_pin_checks WHERE technician_id = ? AND outcome != ?', ['1002', 'verified'])).toEqual([]);
  });
});
