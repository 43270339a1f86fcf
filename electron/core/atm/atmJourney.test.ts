import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXPIRED_CARD_PAN, DEMO_UNLINKED_CARD_PAN, demoBankCustomers } from '../../../drivers/bankHost/customers';
import { demoBranding } from '../../../common/demo/kioskDefaults';
import { pngToRaster } from '../../../drivers/printer/png';
import { type Raster, sliceRows } from '../../../drivers/printer/raster';
import { inkLines } from '../receipts/testing/inspect';
import { receiptReference } from '../receipts/journeyReceipts';
import { renderReceipt } from '../receipts/render';
import { cardHolderOf, holderIn, startAtmKiosk } from './testing/atmKioskRig';
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
afterEach(async () => rig.reset());

const idMasked = (holder: CardHolder): string => `******${holder.person.idNumber.slice(-4)}`;
/** A PIN that is not the card's: each digit one on. */
const wrongPin = (pin: string): string => [...pin].map((d) => String((Number(d) + 1) % 10)).join('');
const customerWith = (pan: string) => cardHolderOf(demoBankCustomers().find((c) => c.pan === pan)!);

/** Card in, PIN typed on the EPP and accepted by the bank: the MOI menu. */
async function toMenu(holder: CardHolder): Promise<void> {
  await rig.insert(holder.card);
  const pin = await rig.reach('atm.pin.entry');
  expect(pin.data).toMatchObject({ card: 'inSlot', cardLast4: holder.customer.pan.slice(-4), pinDigits: 0, pinLength: { min: 4, max: 12 } });
  await rig.keys(`${holder.customer.pin} enter`);
  await rig.reach('atm.menu');
}

/** Takes the card at the result and checks the step it ends on. */
async function cardBackAt(step: string, error: string | null): Promise<void> {
  const returning = await rig.reach(`${step}.returningCard`, { busy: true });
  expect(returning).toMatchObject({ busy: true, data: { card: 'presented' } });
  await rig.take();
  const view = await rig.reach(`${step}.finished`);
  expect(view).toMatchObject({ finished: true, data: { card: 'taken' } });
  expect(view.error?.code ?? null).toBe(error);
}

describe('activate at an ATM', () => {
  it('card → PIN → menu → terms → masked ID and mobile → confirm → pending_bank, "an SMS will follow" → card back; active with an SMS later', async () => {
    const holder = holderIn('registered', 0);
    await toMenu(holder);
    expect(rig.core.snapshot().session).not.toBeNull();
    expect(rig.core.snapshot().services.map((s) => [s.id, s.available])).toEqual([
      ['atmActivate', true],
      ['atmStatus', true],
    ]);
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    let view = await rig.reach('atm.activate.terms');
    expect(view.accepts).toEqual(['ACCEPT_TERMS', 'BACK', 'CANCEL']);
    await rig.send({ type: 'ACCEPT_TERMS' });
    view = await rig.reach('atm.activate.confirm');
    expect(view.data).toMatchObject({ idNumberMasked: idMasked(holder), maskedMobile: expect.stringMatching(/^05X XXX X[0-9]{3}$/), accountState: 'registered' });
    expect(view.accepts).toEqual(['CONFIRM_ACTIVATION', 'BACK', 'CANCEL']);
    await rig.send({ type: 'CONFIRM_ACTIVATION' });
    view = await rig.reach('atm.activate.received');
    expect(view.data).toMatchObject({ accountState: 'pending_bank', message: { en: 'Request received; an SMS will follow.' } });
    expect(view.accepts).toEqual(['FINISH', 'PRINT_RECEIPT', 'CANCEL']);
    expect(await rig.accountState(holder.person.idNumber)).toBe('pending_bank');
    await rig.send({ type: 'FINISH' });
    await cardBackAt('atm.done', null);

    const count = async () => Number((await rig.central.db.get('SELECT COUNT(*) AS n FROM sms_outbox WHERE to_mobile = ?', [holder.person.mobile]))?.['n']);
    const before = await count();
    expect(await rig.central.completeBankActivations()).toBeGreaterThanOrEqual(1);
    expect(await rig.accountState(holder.person.idNumber)).toBe('active');
    expect(await count()).toBe(before + 1);
    // A new card can go in once this one is out.
    await rig.api.endSession({ reason: 'completed' });
    await rig.insert(holderIn('active', 0).card);
    await rig.reach('atm.pin.entry');
  });

  for (const [language, index] of [
    ['ar', 1],
    ['en', 3],
  ] as const) {
    it(`a receipt on the ATM printer (${language}): the kiosk's own template in the session's language, printed through Printer.PrintRaw dot for dot`, async () => {
      const holder = holderIn('registered', index);
      await toMenu(holder);
      if (language === 'en') await rig.api.setLanguage({ language: 'en' });
      await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
      await rig.send({ type: 'ACCEPT_TERMS' });
      await rig.reach('atm.activate.confirm');
      await rig.send({ type: 'CONFIRM_ACTIVATION' });
      await rig.reach('atm.activate.received');
      const before = Date.now();
      await rig.send({ type: 'PRINT_RECEIPT' });
      await cardBackAt('atm.done', null);
      const after = Date.now();
      expect(rig.view()?.data.receipt).toBe('printed');

      const printed = rig.atm.control.receipts().at(-1);
      if (!printed) throw new Error('nothing came out of the ATM’s printer');
      // What the template draws for this request (the time on paper is to the minute: the print's minute is one of these).
      const expected = await Promise.all(
        [...new Set([before, after].map((t) => Math.floor(t / 60_000) * 60_000))].map(async (at) => {
          const input = {
            kioskId: rig.kioskId,
            reference: receiptReference(rig.transactionIds.at(-1)!),
            at: new Date(at),
            portalName: demoBranding.portalName,
            supportNumber: demoBranding.supportNumber,
            idNumberLast4: holder.person.idNumber.slice(-4),
            maskedMobile: `05X XXX X${holder.person.mobile.slice(-3)}`,
          };
          return (await renderReceipt('atmActivationRequested', input, { language, widthDots: 576 })).raster;
        }),
      );
      expect(printed.raster.width).toBe(576);
      // Dot for dot, from the first line of ink to the last (the paper around it is the printer's feed).
      const inked = (raster: Raster): string => {
        const lines = inkLines(raster);
        return Buffer.from(sliceRows(raster, lines[0]?.[0] ?? 0, lines.at(-1)?.[1] ?? 0).bits).toString('base64');
      };
      expect(inkLines(printed.raster).length, 'lines of ink on the paper').toBeGreaterThan(10);
      expect(expected.map(inked), 'the printed receipt is the template’s drawing').toContain(inked(printed.raster));
      // The lab and the dev dock show the same paper as a PNG.
      const png = await rig.atm.control.receiptPng();
      expect(Buffer.from(pngToRaster(png!).bits).equals(Buffer.from(printed.raster.bits))).toBe(true);
    });
  }

  it('the EPP: one dot per digit, Clear empties it, a wrong PIN says how many tries are left, then the right one', async () => {
    const holder = holderIn('active', 1);
    await rig.insert(holder.card);
    await rig.reach('atm.pin.entry');
    await rig.keys('12');
    await rig.reach('atm.pin.entry').then(() => expectEventually(() => rig.view()?.data.pinDigits === 2));
    await rig.keys('clear');
    await expectEventually(() => rig.view()?.data.pinDigits === 0);
    await rig.keys(`${wrongPin(holder.customer.pin)} enter`);
    const wrong = await rig.reach('atm.pin.wrong');
    expect(wrong).toMatchObject({ error: { code: 'pin_wrong', retryable: true }, data: { attemptsRemaining: 2, pinDigits: 0, card: 'inSlot' } });
    await rig.keys(`${holder.customer.pin} enter`);
    const menu = await rig.reach('atm.menu');
    expect(menu.error).toBeNull();
    expect(menu.data.attemptsRemaining).toBeUndefined();
  });

  it('three wrong PINs: the bank says keep the card, the ATM keeps it and says so', async () => {
    const holder = holderIn('active', 2);
    await rig.insert(holder.card);
    await rig.keys(`${wrongPin(holder.customer.pin)} enter`);
    expect((await rig.reach('atm.pin.wrong')).data.attemptsRemaining).toBe(2);
    await rig.keys(`${wrongPin(holder.customer.pin)} enter`);
    await expectEventually(() => rig.view()?.data.attemptsRemaining === 1);
    await rig.keys(`${wrongPin(holder.customer.pin)} enter`);
    const kept = await rig.reach('atm.retained.finished');
    expect(kept).toMatchObject({ finished: true, error: { code: 'pin_tries_exhausted', retryable: false }, data: { card: 'retained' } });
    expect(rig.atm.control.retainedCards().at(-1)?.label).toBe(`Bank card …${holder.customer.pan.slice(-4)}`);
    expect(rig.reports.at(-1)).toEqual({ event: 'atm.cardRetained', reason: 'pinTriesExhausted' });
  });

  it('Cancel on the EPP at the PIN hands the card back', async () => {
    await rig.insert(holderIn('active', 3).card);
    await rig.reach('atm.pin.entry');
    await rig.keys('12 cancel');
    await cardBackAt('atm.cancelled', null);
  });

  it('Cancel on the screen (cancelJourney) at the menu hands the card back; the session goes on until the person leaves', async () => {
    await toMenu(holderIn('active', 4));
    await rig.api.cancelJourney({});
    await cardBackAt('atm.cancelled', null);
    expect(rig.core.snapshot().session).not.toBeNull();
  });

  it('a card not taken in time is kept, and the person is told', async () => {
    await rig.insert(holderIn('active', 5).card);
    await rig.keys('cancel');
    await rig.reach('atm.cancelled.returningCard', { busy: true });
    await rig.leaveCard();
    const view = await rig.reach('atm.cancelled.finished');
    expect(view.data.card).toBe('retained');
    expect(rig.reports.at(-1)).toEqual({ event: 'atm.cardRetained', reason: 'notTaken' });
  });

  it('the status of the card holder’s account, in words', async () => {
    const holder = holderIn('pending_bank', 0);
    await toMenu(holder);
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' });
    const shown = await rig.reach('atm.status.shown');
    expect(shown.data).toMatchObject({ accountState: 'pending_bank', idNumberMasked: idMasked(holder) });
    expect(shown.accepts).toEqual(['BACK', 'FINISH', 'CANCEL']);
    await rig.send({ type: 'BACK' });
    await rig.reach('atm.menu');
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    await rig.send({ type: 'ACCEPT_TERMS' });
    // Already asked for: said so, and the card comes back.
    await cardBackAt('atm.alreadyRequested', null);
  });

  it('an active account: the status says active, and activating says it is already active', async () => {
    await toMenu(holderIn('active', 6));
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' });
    expect((await rig.reach('atm.status.shown')).data.accountState).toBe('active');
    await rig.send({ type: 'BACK' });
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    await rig.send({ type: 'ACCEPT_TERMS' });
    await cardBackAt('atm.alreadyActive', 'account_already_active');
  });
});

describe('what goes wrong, each with the card’s fate', () => {
  it('an expired card: said after the PIN, card back', async () => {
    const holder = customerWith(DEMO_EXPIRED_CARD_PAN);
    await rig.insert(holder.card);
    await rig.keys(`${holder.customer.pin} enter`);
    await cardBackAt('atm.cardExpired', 'card_expired');
  });

  it('a card the bank holds no ID for: not linked, card back', async () => {
    const holder = customerWith(DEMO_UNLINKED_CARD_PAN);
    await rig.insert(holder.card);
    await rig.keys(`${holder.customer.pin} enter`);
    await cardBackAt('atm.notLinked', 'card_not_linked');
  });

  it('the bank host down: no PIN try used, card back', async () => {
    const holder = holderIn('active', 7);
    rig.bank.control.setAvailability('unavailable');
    await rig.insert(holder.card);
    await rig.keys(`${holder.customer.pin} enter`);
    await cardBackAt('atm.bankUnavailable', 'bank_unavailable');
    expect(rig.bank.control.decisions().filter((d) => d.panLast4 === holder.customer.pan.slice(-4))).toEqual([]);
  });

  it('the bank host drops the connection: the answer is lost and the PIN block is not sent again', async () => {
    const holder = holderIn('active', 8);
    rig.bank.control.setAvailability('drop');
    await rig.insert(holder.card);
    await rig.keys(`${holder.customer.pin} enter`);
    await cardBackAt('atm.bankUnavailable', 'bank_unavailable');
    expect(rig.logs.filter((line) => line.includes('"event":"atm.bankFailed"') && line.includes('"error":"answerLost"'))).toHaveLength(1);
  });

  it('central down at the preview: its own step; RETRY once it is back goes on, Cancel hands the card back', async () => {
    const holder = holderIn('registered', 2);
    await toMenu(holder);
    await rig.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    rig.central.setFault({ mode: 'down' });
    await rig.send({ type: 'ACCEPT_TERMS' });
    const down = await rig.reach('atm.activate.preview.unavailable');
    expect(down).toMatchObject({ error: { code: 'central_unavailable', retryable: true }, data: { card: 'inSlot' } });
    expect(down.accepts).toEqual(['RETRY', 'CANCEL']);
    rig.central.setFault({ mode: 'none' });
    await rig.send({ type: 'RETRY' });
    await rig.reach('atm.activate.confirm');
    rig.central.setFault({ mode: 'down' });
    await rig.send({ type: 'CONFIRM_ACTIVATION' });
    await rig.reach('atm.activate.requesting.unavailable');
    await rig.send({ type: 'CANCEL' });
    await cardBackAt('atm.cancelled', null);
    expect(await rig.accountState(holder.person.idNumber)).toBe('registered');
  });

  it('the card jams on its way out: its own step, the card stays inside', async () => {
    await rig.insert(holderIn('active', 9).card);
    rig.atm.control.setFault({ type: 'cardJam' });
    await rig.keys('cancel');
    const jammed = await rig.reach('atm.cardJammed');
    expect(jammed).toMatchObject({ finished: true, error: { code: 'card_jammed' }, data: { card: 'failed' } });
  });

  it('the EPP fails to make the PIN block: a device error, card back', async () => {
    const holder = holderIn('active', 10);
    rig.atm.control.setFault({ type: 'eppError', errorCode: 'keyNotFound' });
    await rig.insert(holder.card);
    await rig.keys(`${holder.customer.pin} enter`);
    await cardBackAt('atm.deviceError', 'epp_error');
  });

  it('a card with nothing readable on its stripe: said at once, card back', async () => {
    const holder = holderIn('active', 11);
    await rig.insert({ label: 'Blank card', tracks: { track1: holder.card.tracks!.track1! } });
    await cardBackAt('atm.unreadableCard', 'card_unreadable');
  });
});

describe('the card and the session', () => {
  it('a key on the EPP keeps the session alive; a person who walks away at the PIN times out, and the card still inside is handed back', async () => {
    await rig.insert(holderIn('active', 12).card);
    await rig.reach('atm.pin.entry');
    // The rig's session: 600 s to the idle warning, then a 120 s countdown.
    rig.clock.increment(500_000);
    await rig.keys('5');
    await expectEventually(() => rig.view()?.data.pinDigits === 1);
    rig.clock.increment(200_000);
    expect(rig.core.snapshot().session?.phase).toBe('active');
    rig.clock.increment(600_000);
    rig.clock.increment(120_000);
    await expectEventually(() => rig.ended.at(-1) === 'timeout');
    expect(rig.view()).toBeNull();
    await rig.take();
    await expectEventually(() => !rig.service.cardHeld);
    // The slot opens for the next person.
    await rig.insert(holderIn('active', 13).card);
    await rig.reach('atm.pin.entry');
  });

  it('while central is unreachable the ATM takes no card; once it is back, it does', async () => {
    rig.core.setCentralReachable(false);
    expect(rig.core.snapshot().appState).toEqual({ state: 'unavailable', reason: 'central' });
    await expectEventually(() => !rig.atm.control.state().cardReader.accepting);
    rig.core.setCentralReachable(true);
    await rig.insert(holderIn('active', 14).card);
    await rig.reach('atm.pin.entry');
  });
});

async function expectEventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}
