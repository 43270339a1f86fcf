import { describe, expect, it } from 'vitest';
import { deriveAppState, deriveServices } from './availability';
import type { Readiness } from './availability';

const built = new Set(['register', 'activate', 'signIn', 'recoverPassword', 'recoverUsername', 'updateMobile']);
const ready: Readiness = {
  started: true,
  outOfService: false,
  maintenance: false,
  devices: { fingerprint: 'online', cardSlot: 'online', printer: 'noDevice' },
  centralReachable: true,
  builtServices: built,
};
const reasonOf = (r: Readiness, id: string) => deriveServices(r).find((s) => s.id === id)?.reason;

describe('what the menu offers', () => {
  it('everything built is available when central and devices are up; the rest says not built', () => {
    const services = deriveServices(ready);
    expect(services.filter((s) => s.available).map((s) => s.id).sort()).toEqual([...built].sort());
    expect(reasonOf(ready, 'visaStatus')).toBe('notBuilt');
    expect(deriveAppState(ready, false)).toEqual({ state: 'available' });
  });

  it('central unreachable: every service that needs it is shown unavailable for that reason, and the kiosk says why', () => {
    const down = { ...ready, centralReachable: false };
    for (const id of built) expect(reasonOf(down, id)).toBe('central');
    expect(deriveAppState(down, false)).toEqual({ state: 'unavailable', reason: 'central' });
  });

  it('the fingerprint reader down greys out only the journeys that cannot work without it', () => {
    const noReader = { ...ready, devices: { ...ready.devices, fingerprint: 'offline' as const } };
    expect(reasonOf(noReader, 'activate')).toBe('hardware');
    expect(reasonOf(noReader, 'updateMobile')).toBe('hardware');
    expect(reasonOf(noReader, 'signIn')).toBeUndefined();
    expect(reasonOf(noReader, 'recoverPassword')).toBeUndefined();
    expect(deriveAppState(noReader, false)).toEqual({ state: 'available' });
  });

  it('a busy reader is still offered (it is serving, not broken)', () => {
    expect(reasonOf({ ...ready, devices: { ...ready.devices, fingerprint: 'busy' } }, 'activate')).toBeUndefined();
  });

  it('out of service and maintenance win over everything, and are said so', () => {
    expect(deriveAppState({ ...ready, outOfService: true }, false)).toEqual({ state: 'unavailable', reason: 'outOfService' });
    // A technician at work is what the public is told, out of service or not.
    expect(deriveAppState({ ...ready, outOfService: true, maintenance: true }, false)).toEqual({ state: 'unavailable', reason: 'maintenance' });
    expect(deriveAppState({ ...ready, maintenance: true }, false)).toEqual({ state: 'unavailable', reason: 'maintenance' });
    expect(reasonOf({ ...ready, maintenance: true }, 'signIn')).toBe('maintenance');
  });

  it('a kiosk in a session stays active while services come and go', () => {
    expect(deriveAppState(ready, true)).toEqual({ state: 'active' });
  });
});
