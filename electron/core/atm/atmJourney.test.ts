import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { holderIn, startAtmKiosk } from './testing/atmKioskRig';
import type { AtmKioskRig, CardHolder } from './testing/atmKioskRig';

/**
 * The bank-ATM journey in a kiosk core in ATM mode, end to end over the
 * simulated ATM (real WebSockets, real ISO 9564 blocks), the simulated bank
 * host and the reference central: what a person at the ATM sees, step by
 * step, and where their card ends up.
 */

let rig: AtmKioskRig;
beforeAll(async () => {
  rig = await startAtmKiosk();
  await rig.service.connected();
});
afterAll(async () => rig?.close());
afterEach(async () => {
  rig.central.setFault({ mode: 'none' });
  rig.bank.control.setAvailability('up');
  rig.atm.control.clearFaults();
  if (rig.core.snapshot().session) await rig.api.endSession({ reason: 'cancel' });
  await rig.service.clearForNextPerson();
});

/** Card in, PIN typed on the EPP and accepted by the bank: the MOI menu. */
async function toMenu(holder: CardHolder): Promise<void> {
  await rig.insert(holder.card);
  const pin = await rig.reach('atm.pin.entry');
  expect(pin.data).toMatchObject({ card: 'inSlot', cardLast4: holder.customer.pan.slice(-4), pinDigits: 0, pinLength: { min: 4, max: 12 } });
  await rig.keys(`${holder.customer.pin} enter`);
  await rig.reach('atm.menu');
}

describe('activate at an ATM', () => {
  it('card → PIN → menu → terms → masked ID and mobile → confirm → pending_bank, "an SMS will follow" → card back; active with an SMS later', async () => {
    const holder = holderIn('registered');
    await toMenu(holder);
    const session = rig.core.snapshot().session;
    expect(session).not.toBeNull();
    expect(rig.core.snapshot().services.map((s) => [s.id, s.available])).toEqual([
      ['atmActivate', true],
      ['atmStatus', true],
    ]);
    let view = await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' }).then(() => rig.reach('atm.activate.terms'));
    expect(view.accepts).toEqual(expect.arrayContaining(['ACCEPT_TERMS', 'BACK', 'CANCEL']));
    await rig.send({ type: 'ACCEPT_TERMS' });
    view = await rig.reach('atm.activate.confirm');
    expect(view.data).toMatchObject({ idNumberMasked: `******${holder.person.idNumber.slice(-4)}`, maskedMobile: expect.stringMatching(/^05X XXX X[0-9]{3}$/), accountState: 'registered' });
    await rig.send({ type: 'CONFIRM_ACTIVATION' });
    view = await rig.reach('atm.activate.received');
    expect(view.data).toMatchObject({ accountState: 'pending_bank', message: { en: 'Request received; an SMS will follow.' } });
    expect(await rig.accountState(holder.person.idNumber)).toBe('pending_bank');
    await rig.send({ type: 'FINISH' });
    await rig.take();
    view = await rig.reach('atm.done.finished');
    expect(view).toMatchObject({ finished: true, data: { card: 'taken' } });

    const smsBefore = await rig.central.db.get('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [holder.person.mobile]);
    expect(await rig.central.completeBankActivations()).toBeGreaterThanOrEqual(1);
    expect(await rig.accountState(holder.person.idNumber)).toBe('active');
    const smsAfter = await rig.central.db.get('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [holder.person.mobile]);
    expect(Number(smsAfter?.['n'])).toBe(Number(smsBefore?.['n']) + 1);
  });
});
