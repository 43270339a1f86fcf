import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../../common/wire/updates';
import { rolloutSchema } from '../../../common/wire/updates';
import { bucketOf, inMaintenanceWindow, targetFor } from './rollout';

const kioskId = fc.stringMatching(/^KIOSK-[0-9A-F]{8}$/);
const window = { start: '00:00', end: '00:00', utcOffsetMinutes: 0 };
const rollout = (over: Partial<Rollout>): Rollout => ({ version: '1.0.0', canary: null, maintenanceWindow: window, healthDeadlineSeconds: 300, ...over });

describe('rollout rings', () => {
  it('puts a kiosk in the canary by a stable hash of its id: the same answer every time, 0% none, 100% all', () => {
    fc.assert(
      fc.property(kioskId, fc.integer({ min: 0, max: 100 }), (id, percent) => {
        const r = rollout({ canary: { version: '2.0.0', percent } });
        const first = targetFor(r, id);
        expect(targetFor(r, id)).toEqual(first);
        expect(first?.ring === 'canary').toBe(bucketOf(id) < percent);
        expect(targetFor(rollout({ canary: { version: '2.0.0', percent: 0 } }), id)).toEqual({ version: '1.0.0', ring: 'all' });
        expect(targetFor(rollout({ canary: { version: '2.0.0', percent: 100 } }), id)).toEqual({ version: '2.0.0', ring: 'canary' });
      }),
    );
  });

  it('only adds kiosks to the canary as its percentage grows (none leaves it and goes back)', () => {
    fc.assert(
      fc.property(kioskId, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (id, a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        if (targetFor(rollout({ canary: { version: '2.0.0', percent: low } }), id)?.ring === 'canary') expect(targetFor(rollout({ canary: { version: '2.0.0', percent: high } }), id)?.ring).toBe('canary');
      }),
    );
  });

  it('spreads kiosks over the buckets: a 10% canary of 2000 kiosks is about 200 of them', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `KIOSK-${i.toString(16).toUpperCase().padStart(8, '0')}`);
    const inCanary = ids.filter((id) => targetFor(rollout({ canary: { version: '2.0.0', percent: 10 } }), id)?.ring === 'canary').length;
    expect(inCanary).toBeGreaterThan(150);
    expect(inCanary).toBeLessThan(250);
  });

  it('names nothing without a rollout, or when the rest of the fleet is left as it is', () => {
    expect(targetFor(undefined, 'KIOSK-00000001')).toBeNull();
    const id = Array.from({ length: 100 }, (_, i) => `KIOSK-0000${String(i).padStart(4, '0')}`).find((k) => bucketOf(k) >= 50) ?? '';
    expect(targetFor(rollout({ version: null, canary: { version: '2.0.0', percent: 50 } }), id)).toBeNull();
  });

  it('refuses a rollout with a version that is not a Debian version, or a percentage out of range', () => {
    expect(rolloutSchema.safeParse({ version: '1.0.0; rm -rf /', canary: null, maintenanceWindow: window }).success).toBe(false);
    expect(rolloutSchema.safeParse({ version: '1.0.0', canary: { version: '2.0.0', percent: 101 }, maintenanceWindow: window }).success).toBe(false);
    expect(rolloutSchema.safeParse({ version: '1:1.0.0-2', canary: null, maintenanceWindow: window }).success).toBe(true);
  });
});

describe('the maintenance window', () => {
  const at = (utc: string) => Date.parse(`2026-12-03T${utc}:00Z`);
  it('is open from its start to its end, in the kiosks’ local time', () => {
    const w = { start: '02:00', end: '05:00', utcOffsetMinutes: 180 };
    expect(inMaintenanceWindow(w, at('22:59'))).toBe(false); // 01:59 at UTC+3
    expect(inMaintenanceWindow(w, at('23:00'))).toBe(true); // 02:00
    expect(inMaintenanceWindow(w, at('01:59'))).toBe(true); // 04:59
    expect(inMaintenanceWindow(w, at('02:00'))).toBe(false); // 05:00
  });

  it('runs past midnight when it ends before it starts, and all day when they are equal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (s, e, now) => {
        const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const open = inMaintenanceWindow({ start: hhmm(s), end: hhmm(e), utcOffsetMinutes: 0 }, Date.UTC(2026, 11, 3, 0, now));
        const expected = s === e ? true : s < e ? now >= s && now < e : now >= s || now < e;
        expect(open).toBe(expected);
      }),
    );
  });
});
