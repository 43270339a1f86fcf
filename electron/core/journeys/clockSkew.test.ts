import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, people, startJourneyRig } from './testing/journeyRig';
import type { JourneyRig } from './testing/journeyRig';

/**
 * Countdowns when central's clock and the kiosk's disagree (a kiosk in an
 * ATM with a drifting clock; the demo's `POST /dev/clock`). Central's domain
 * clock is moved hours ahead of real time here; the kiosk's core clock is a
 * simulated one starting at 0, far from both. Code expiry, resend and lock
 * countdowns come from central's durations, so they are right all the same.
 */

const HOURS_2 = 2 * 3_600_000;

let rig: JourneyRig;
beforeAll(async () => {
  rig = await startJourneyRig();
  // What POST /dev/clock does: central's domain clock only moves forward.
  rig.central.context.clock.advance(HOURS_2);
});
afterAll(async () => rig?.close());
afterEach(() => {
  rig.central.setFault({ mode: 'none' });
  rig.runner.endSession();
});

async function signIn(login: string, password: string): Promise<void> {
  rig.newSession();
  rig.start('signIn');
  rig.send({ type: 'SUBMIT_CREDENTIALS', login, password });
}

describe('countdowns with central two hours ahead of the kiosk', () => {
  it('a new code: 5:00 to expiry and 1:00 to a resend on the kiosk’s clock', async () => {
    expect(Math.abs(rig.central.context.now() - Date.now() - HOURS_2)).toBeLessThan(60_000);
    await signIn(people.faisal.username, DEMO_PASSWORD);
    const view = await rig.reach('signIn.code.entry');
    const now = rig.clock.now();
    expect(view.data.code!.expiresAt - now).toBe(300_000);
    expect(view.data.code!.resendAvailableAt - now).toBe(60_000);
  });

  it('central says the code expired: a new one may be asked for at once, and it has its full five minutes', async () => {
    const { username, mobile } = people.faisal;
    await signIn(username, DEMO_PASSWORD);
    await rig.reach('signIn.code.entry');
    const code = await rig.smsCode(mobile);
    rig.central.context.clock.advance(301_000);
    rig.send({ type: 'SUBMIT_CODE', code });
    const expired = await rig.reach('signIn.code.needNewCode');
    expect(expired).toMatchObject({ error: { code: 'otp_expired', retryable: true } });
    expect(expired.accepts).toContain('RESEND_CODE');
    expect(expired.data.code!.resendAvailableAt).toBeLessThanOrEqual(rig.clock.now());
    expect(expired.data.retryAt).toBeUndefined();

    rig.send({ type: 'RESEND_CODE' });
    const fresh = await rig.reach('signIn.code.entry');
    expect(fresh.error).toBeNull();
    expect(fresh.data.code!.expiresAt - rig.clock.now()).toBe(300_000);
    expect(fresh.data.code!.resendAvailableAt - rig.clock.now()).toBe(60_000);
  });

  it('the kiosk’s own expiry timer: a new code may be asked for at once as well', async () => {
    const { username, mobile } = people.faisal;
    rig.central.context.clock.advance(3_600_000); // a fresh hour of SMS sends for this ID (RULES.md: 5 an hour)
    await signIn(username, DEMO_PASSWORD);
    const entry = await rig.reach('signIn.code.entry');
    const before = await rig.smsCount(mobile);
    rig.clock.increment(entry.data.code!.expiresAt - rig.clock.now());
    // The same five minutes pass on central's clock.
    rig.central.context.clock.advance(300_000);
    const expired = await rig.reach('signIn.code.needNewCode');
    expect(expired).toMatchObject({ error: { code: 'otp_expired', retryable: true } });
    expect(expired.data.code!.resendAvailableAt).toBeLessThanOrEqual(rig.clock.now());

    rig.send({ type: 'RESEND_CODE' });
    const fresh = await rig.reach('signIn.code.entry');
    expect(fresh.error).toBeNull();
    expect(await rig.smsCount(mobile)).toBe(before + 1);
    expect(fresh.data.code!.expiresAt - rig.clock.now()).toBe(300_000);
  });

  it('a sign-in lock: 30 minutes on the kiosk’s clock', async () => {
    const { username } = people.anita;
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await signIn(username, 'Wrong2030pass');
      expect(await rig.reach('signIn.credentials')).toMatchObject({ error: { code: 'credentials_invalid' }, data: { attemptsRemaining: 5 - attempt } });
      rig.runner.endSession();
    }
    await signIn(username, 'Wrong2030pass');
    const locked = await rig.reach('signIn.locked');
    expect(locked).toMatchObject({ error: { code: 'account_locked' } });
    expect(Math.abs(locked.data.lockedUntil! - rig.clock.now() - 1_800_000)).toBeLessThan(2_000);
  });
});
