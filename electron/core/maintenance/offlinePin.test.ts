import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCardVerifier } from '../../../central/technicians/cardVerifier';
import { ok } from '../../../common/result';
import type { PushedTechnician } from '../../../common/wire/technicians';
import type { TelemetryFact } from '../../../common/wire/telemetry';
import { ManualClock } from '../sync/testing/manualClock';
import type { TechnicianSecretRead } from '../devices/cardSlot/types';
import { MaintenanceDesk } from './desk';
import { FIRST_LOCK_MS } from './lockout';
import { checkOffline, type HeldTechnicianCard, LegacyVerifierRefusal, offlineVerifierMatches } from './offlinePin';

/**
 * The kiosk's PIN check while central is unreachable (issue 13): only the PIN
 * together with the secret on the technician's own card, against the
 * verifier central made (central/technicians/cardVerifier.ts, the real one,
 * at its real cost). A PIN-only hash from an old configuration is never
 * checked; the gesture (no card) cannot be checked.
 */

const PIN = '2468';
const CARD = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 3);
const OTHER_CARD = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
let technicians: PushedTechnician[];

const held = (secret: Uint8Array | TechnicianSecretRead | null): HeldTechnicianCard => {
  let reads = 0;
  const card: HeldTechnicianCard & { reads?: number } = async () => {
    reads += 1;
    card.reads = reads;
    if (secret === null) return null;
    // A fresh copy each read, as the reader gives: the check wipes the bytes it was handed.
    return secret instanceof Uint8Array ? { kind: 'secret', secret: Uint8Array.from(secret) } : secret;
  };
  return card;
};

beforeAll(async () => {
  technicians = [
    { technicianId: '1001', name: 'Technician One', offlineVerifier: { scheme: 'pinAndCard', hash: await makeCardVerifier(PIN, CARD) } },
    { technicianId: '1002', name: 'Technician Two', offlineVerifier: null },
    // What a central before card secrets pushed: the PIN's hash alone (here even a right one).
    { technicianId: '1003', name: 'Technician Three', pinHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
  ];
});

describe('offline check of PIN and card', () => {
  it('the right PIN with the right card: in; one check costs tens of milliseconds (N = 2^14; under 1.5 s even on a loaded machine)', async () => {
    const started = performance.now();
    expect(await checkOffline(technicians, '1001', PIN, held(CARD))).toEqual({ outcome: 'verified', name: 'Technician One' });
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThan(20);
    expect(ms).toBeLessThan(1_500);
  });

  it('the right PIN with another card (an old card after issue-card, a copy with another secret): wrong', async () => {
    expect(await checkOffline(technicians, '1001', PIN, held(OTHER_CARD))).toEqual({ outcome: 'wrong' });
    expect(await checkOffline(technicians, '1001', '2469', held(CARD))).toEqual({ outcome: 'wrong' });
  });

  it('the secret read off the card is wiped once checked', async () => {
    const read = { kind: 'secret' as const, secret: Uint8Array.from(CARD) };
    expect(await checkOffline(technicians, '1001', PIN, async () => read)).toMatchObject({ outcome: 'verified' });
    expect([...read.secret]).toEqual(Array(16).fill(0));
  });

  it('the verifier is no hash of the PIN alone: no secret, no match', async () => {
    const hash = (technicians[0] as { offlineVerifier: { hash: string } }).offlineVerifier.hash;
    expect(await offlineVerifierMatches(PIN, CARD, hash)).toBe(true);
    expect(await offlineVerifierMatches(PIN, new Uint8Array(16), hash)).toBe(false);
    expect(await offlineVerifierMatches(PIN, CARD, 'scrypt$999999$8$1$AAAA$AAAA')).toBe(false);
  });

  it('no card in the slot (the gesture, the CLI): cannot check — needsCard, nothing read', async () => {
    expect(await checkOffline(technicians, '1001', PIN, null)).toEqual({ outcome: 'cannotCheck', why: 'needsCard' });
  });

  it('a legacy PIN-only hash is refused, never checked, and the card is not even read', async () => {
    const card = held(CARD) as HeldTechnicianCard & { reads?: number };
    expect(await checkOffline(technicians, '1003', PIN, card)).toEqual({ outcome: 'cannotCheck', why: 'legacyVerifier' });
    expect(card.reads).toBeUndefined();
  });

  it('a technician with no card issued yet, a card with no readable secret: cannot check', async () => {
    expect(await checkOffline(technicians, '1002', '1357', held(CARD))).toEqual({ outcome: 'cannotCheck', why: 'noVerifier' });
    for (const read of [{ kind: 'noSecret' }, { kind: 'unreadable' }, { kind: 'otherCard' }, { kind: 'garbled', error: { type: 'checkDigit' } }, null] as const) {
      expect(await checkOffline(technicians, '1001', PIN, held(read)), JSON.stringify(read)).toEqual({ outcome: 'cannotCheck', why: 'cardUnreadable' });
    }
  });

  it('no technician list at all: cannot check (as before)', async () => {
    expect(await checkOffline([], '1001', PIN, held(CARD))).toEqual({ outcome: 'cannotCheck' });
  });

  it('an unknown technician number with a card: wrong, after the same scrypt work', async () => {
    const started = performance.now();
    expect(await checkOffline(technicians, '4242', PIN, held(CARD))).toEqual({ outcome: 'wrong' });
    expect(performance.now() - started).toBeGreaterThan(20);
  });
});

describe('a legacy configuration (PIN-only hashes)', () => {
  it('names the refused technicians once per distinct list, for the audit entry', () => {
    const refusal = new LegacyVerifierRefusal();
    expect(refusal.refusedIn(technicians)).toEqual(['1003']);
    expect(refusal.refusedIn(technicians)).toBeNull();
    expect(refusal.refusedIn(technicians.slice(0, 2))).toBeNull();
    expect(refusal.refusedIn(technicians)).toEqual(['1003']);
  });
});

describe('the desk with the offline check: lockout counting unchanged', () => {
  function deskWith(card: () => HeldTechnicianCard | null) {
    const clock = new ManualClock();
    const facts: TelemetryFact[] = [];
    const desk = new MaintenanceDesk({
      clock,
      log: pino({ level: 'silent' }),
      inCustomerSession: () => false,
      isOutOfService: () => false,
      setTakenOver: () => undefined,
      checkWithCentral: async () => ({ outcome: 'unreachable' }),
      offlineCheck: async (id, pin) => (typeof pin === 'string' ? checkOffline(technicians, id, pin, card()) : { outcome: 'cannotCheck' }),
      record: async (fact) => {
        facts.push(fact);
      },
      act: async () => ok(),
      recheck: () => undefined,
      onChange: () => undefined,
    });
    const pins = () => facts.flatMap((f) => (f.type === 'maintenance.pin' ? [`${f.outcome} ${f.checkedBy} ${f.attemptsLeft}`] : []));
    return { desk, clock, pins };
  }

  it('the right PIN with another card counts as a wrong PIN: five lock entry for 15 minutes', async () => {
    const { desk, clock, pins } = deskWith(() => held(OTHER_CARD));
    desk.requestEntry('card', '000001001');
    for (let i = 0; i < 4; i++) await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'wrong', attemptsLeft: 1, offlineRefusal: null });
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'locked', lockedUntil: clock.now() + FIRST_LOCK_MS });
    expect(pins()).toEqual(['wrong offline 4', 'wrong offline 3', 'wrong offline 2', 'wrong offline 1', 'lockedOut offline 0']);
  });

  it('the service gesture while central is unreachable: needsCard on the pad, recorded as cannot check, nothing counted', async () => {
    const { desk, pins } = deskWith(() => null);
    desk.requestEntry('gesture', null);
    for (let i = 0; i < 6; i++) await desk.submitPin(PIN, '1001');
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', offlineRefusal: 'needsCard', attemptsLeft: 5 });
    expect(pins()).toEqual(Array(6).fill('cannotCheck none 5'));
  });

  it('a legacy configuration: refused on the pad (legacyVerifier), not counted; the right card and PIN get in once central pushes a verifier', async () => {
    const { desk, pins } = deskWith(() => held(CARD));
    desk.requestEntry('card', '1003');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'pin', pinError: 'cannotCheck', offlineRefusal: 'legacyVerifier', attemptsLeft: 5 });
    desk.cancel();
    desk.requestEntry('card', '1001');
    await desk.submitPin(PIN, undefined);
    expect(desk.view()).toMatchObject({ phase: 'on', signedIn: { technicianId: '1001', checkedBy: 'offline' } });
    expect(pins()).toEqual(['cannotCheck none 5', 'verified offline 5']);
  });
});
