import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthoriseOutcome } from '../atm/ports';
import { emptySecrets } from './context';
import { journeyStates, screenlessStates } from './stateList';
import { ATM_SECRETS, BANK_CARD, FakeAtm } from './testing/fakeAtm';
import type { PinScript } from './testing/fakeAtm';
import { FakeWorld, down, problem } from './testing/fakeWorld';

/**
 * Every state of the ATM machine is reachable: paths through a fake ATM,
 * bank and central until each state listed from the machine's own
 * definition has been entered, transient ones included (the report joins
 * the government journeys' in test-results/). After every path: no card
 * number or attestation in any view, and ending the session empties the
 * machine.
 */

const visited = new Set<string>();
const approved: AuthoriseOutcome = { kind: 'approved', attestation: ATM_SECRETS.attestation };
const card = { ok: true as const, card: BANK_CARD };

function world(atm = new FakeAtm()): { w: FakeWorld; atm: FakeAtm } {
  return { w: new FakeWorld({ atm }), atm };
}

async function finish(w: FakeWorld): Promise<void> {
  for (const view of w.views) {
    const text = JSON.stringify(view);
    for (const secret of [ATM_SECRETS.pan, ATM_SECRETS.pan.slice(0, 12), ATM_SECRETS.attestation]) expect(text, `${view.step} shows a secret`).not.toContain(secret);
  }
  const actor = w.runner.currentActor();
  w.endSession();
  expect(w.runner.view()).toBeNull();
  if (actor) {
    const { context } = actor.getSnapshot();
    expect(context.secret).toEqual(emptySecrets());
    expect(context.shown).toEqual({});
  }
  for (const step of w.visited) visited.add(step);
}

/** The person types on the EPP once it takes the PIN. */
async function type(w: FakeWorld, atm: FakeAtm, script?: PinScript): Promise<void> {
  for (let i = 0; i < 50 && !atm.entering; i++) await w.settle();
  atm.type(script);
  await w.settle();
}

/** Card in, PIN, approved: at the menu. */
async function toMenu(w: FakeWorld, atm: FakeAtm): Promise<void> {
  expect((await w.startAtm(card)).step).toBe('atm.pin.entry');
  await type(w, atm);
  expect(w.step).toBe('atm.menu');
}

/** Consecutive repeats once: what the screen showed, change by change. */
const changes = <T>(values: readonly T[]): T[] => values.filter((value, i) => i === 0 || value !== values[i - 1]);

describe('the ATM journey', () => {
  it('PIN (Clear counted) → menu → terms → preview lost and retried → confirm → request lost and retried with the same key → received → receipt → card taken', async () => {
    const { w, atm } = world();
    expect(await w.startAtm(card)).toMatchObject({ step: 'atm.pin.entry', busy: false, accepts: ['CANCEL'], data: { pinDigits: 0, card: 'inSlot' } });
    expect(w.views[0]).toMatchObject({ step: 'atm.card', busy: true });
    await type(w, atm, { keys: ['digit', 'digit', 'clear', 'digit', 'digit', 'digit', 'digit', 'enter'], end: 'entered' });
    expect(w.view()).toMatchObject({ step: 'atm.menu', data: { cardLast4: ATM_SECRETS.pan.slice(-4), card: 'inSlot', pinLength: { min: 4, max: 12 } } });
    expect(changes(w.views.map((v) => v.data.pinDigits).filter((d) => d !== undefined))).toEqual([0, 1, 2, 0, 1, 2, 3, 4]);
    expect(w.activity).toBe(8);
    expect(atm.authorised).toEqual([BANK_CARD]);
    expect(w.view().accepts).toEqual(['CHOOSE_SERVICE', 'CANCEL']);
    expect((await w.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' })).step).toBe('atm.activate.terms');
    expect((await w.send({ type: 'BACK' })).step).toBe('atm.menu');
    await w.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    w.answer('activations/bank/preview', down);
    expect(await w.send({ type: 'ACCEPT_TERMS' })).toMatchObject({ step: 'atm.activate.preview.unavailable', error: { code: 'central_unavailable' } });
    expect((await w.send({ type: 'RETRY' })).step).toBe('atm.activate.confirm');
    expect((await w.send({ type: 'BACK' })).step).toBe('atm.activate.terms');
    await w.send({ type: 'ACCEPT_TERMS' });
    w.answer('activations/bank', down);
    expect((await w.send({ type: 'CONFIRM_ACTIVATION' })).step).toBe('atm.activate.requesting.unavailable');
    const view = await w.send({ type: 'RETRY' });
    const requests = w.calls.filter((c) => c.route === 'activations/bank');
    expect(requests.map((c) => c.key)).toEqual([requests[0]?.key, requests[0]?.key]);
    expect(requests[0]?.body).toEqual({ attestation: ATM_SECRETS.attestation });
    expect(view).toMatchObject({ step: 'atm.activate.received', data: { accountState: 'pending_bank', maskedMobile: '05X XXX X123', idNumberMasked: '******0008' } });
    expect(await w.send({ type: 'PRINT_RECEIPT' })).toMatchObject({ step: 'atm.done.finished', data: { receipt: 'printed', card: 'taken' } });
    // The receipt names the request's transaction, in the session's language (Arabic until the person changes it).
    expect(atm.receipts).toEqual([{ kind: 'bankActivationRequested', idNumberMasked: '******0008', maskedMobile: '05X XXX X123', transactionId: requests[0]?.key, language: 'ar' }]);
    await finish(w);
  });

  it('a wrong PIN, the right one, then the status (lost, retried), back to the menu, cancel: the card not taken is kept', async () => {
    const { w, atm } = world(new FakeAtm().decide({ kind: 'wrongPin', triesLeft: 2 }, approved).cardBack('retained'));
    await w.startAtm(card);
    await type(w, atm);
    expect(w.view()).toMatchObject({ step: 'atm.pin.wrong', error: { code: 'pin_wrong', retryable: true }, data: { attemptsRemaining: 2, pinDigits: 0 } });
    await type(w, atm);
    expect(w.view()).toMatchObject({ step: 'atm.menu', error: null });
    expect(w.view().data.attemptsRemaining).toBeUndefined();
    expect(atm.authorised).toHaveLength(2);
    w.answer('activations/bank/preview', down);
    expect((await w.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' })).step).toBe('atm.status.checking.unavailable');
    expect(await w.send({ type: 'RETRY' })).toMatchObject({ step: 'atm.status.shown', data: { accountState: 'registered' } });
    expect((await w.send({ type: 'BACK' })).step).toBe('atm.menu');
    expect(await w.send({ type: 'CANCEL' })).toMatchObject({ step: 'atm.cancelled.finished', data: { card: 'retained' } });
    await finish(w);
  });

  it('the status in words from central’s refusals; an expired attestation asks for the PIN again', async () => {
    for (const [answer, state] of [
      [problem('account_already_active', {}, 409), 'active'],
      [problem('account_not_found', {}, 404), 'none'],
    ] as const) {
      const { w, atm } = world();
      await toMenu(w, atm);
      w.answer('activations/bank/preview', answer);
      expect(await w.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' })).toMatchObject({ step: 'atm.status.shown', data: { accountState: state }, error: null });
      expect((await w.send({ type: 'FINISH' })).step).toBe('atm.done.finished');
      await finish(w);
    }
    const { w, atm } = world();
    await toMenu(w, atm);
    w.answer('activations/bank/preview', problem('bank_attestation_expired'), problem('bank_attestation_invalid'));
    expect(await w.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' })).toMatchObject({ step: 'atm.pin.entry', error: { code: 'verification_expired' } });
    // A new PIN, a new attestation: this one is not the bank's for this ID.
    await type(w, atm);
    expect(w.step).toBe('atm.menu');
    expect(await w.send({ type: 'CHOOSE_SERVICE', service: 'atmStatus' })).toMatchObject({ step: 'atm.notLinked.finished', error: { code: 'bank_attestation_invalid' } });
    expect(atm.authorised).toHaveLength(2);
    await finish(w);
  });

  it('activation refused by central, each its own result; the card comes back every time', async () => {
    const cases = [
      { answer: problem('account_already_active', {}, 409), step: 'atm.alreadyActive.finished' },
      { answer: problem('account_not_found', {}, 404), step: 'atm.noAccount.finished' },
      { answer: problem('bank_attestation_invalid'), step: 'atm.notLinked.finished' },
      { answer: problem('rate_limited', { retryAfterSeconds: 30 }, 429), step: 'atm.refused.finished' },
    ];
    for (const { answer, step } of cases) {
      const { w, atm } = world();
      await toMenu(w, atm);
      await w.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
      w.answer('activations/bank/preview', answer);
      expect(await w.send({ type: 'ACCEPT_TERMS' })).toMatchObject({ step, data: { card: 'taken' } });
      await finish(w);
    }
    for (const [tweak, step] of [
      [(w: FakeWorld) => void (w.accountState = 'pending_bank'), 'atm.alreadyRequested.finished'],
      [(w: FakeWorld) => void (w.maskedMobile = null), 'atm.noMobile.finished'],
    ] as const) {
      const { w, atm } = world();
      tweak(w);
      await toMenu(w, atm);
      await w.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
      expect((await w.send({ type: 'ACCEPT_TERMS' })).step).toBe(step);
      await finish(w);
    }
    const { w, atm } = world();
    await toMenu(w, atm);
    await w.send({ type: 'CHOOSE_SERVICE', service: 'atmActivate' });
    await w.send({ type: 'ACCEPT_TERMS' });
    w.answer('activations/bank', problem('bank_attestation_replayed', {}, 409));
    expect(await w.send({ type: 'CONFIRM_ACTIVATION' })).toMatchObject({ step: 'atm.pin.entry', error: { code: 'verification_expired' } });
    await finish(w);
  });

  it('the bank’s refusals and failures, and the EPP’s', async () => {
    const cases: { outcome: AuthoriseOutcome; step: string; code: string; retains?: 'jammed' }[] = [
      { outcome: { kind: 'retainCard' }, step: 'atm.retained.finished', code: 'pin_tries_exhausted' },
      { outcome: { kind: 'retainCard' }, step: 'atm.cardJammed', code: 'card_jammed', retains: 'jammed' },
      { outcome: { kind: 'cardNotLinked' }, step: 'atm.notLinked.finished', code: 'card_not_linked' },
      { outcome: { kind: 'cardExpired' }, step: 'atm.cardExpired.finished', code: 'card_expired' },
      { outcome: { kind: 'bankUnavailable' }, step: 'atm.bankUnavailable.finished', code: 'bank_unavailable' },
      { outcome: { kind: 'bankError' }, step: 'atm.bankUnavailable.finished', code: 'bank_error' },
      { outcome: { kind: 'eppError' }, step: 'atm.deviceError.finished', code: 'epp_error' },
    ];
    for (const { outcome, step, code, retains } of cases) {
      const atm = new FakeAtm().decide(outcome);
      if (retains) atm.retains.push(retains);
      const { w } = world(atm);
      await w.startAtm(card);
      await type(w, atm);
      expect(w.view(), step).toMatchObject({ step, error: { code } });
      expect(w.view().data.card).toBe(outcome.kind === 'retainCard' ? (retains ? 'failed' : 'retained') : 'taken');
      await finish(w);
    }
  });

  it('the PIN entry: cancelled on the EPP, timed out, the EPP lost, cancelled on screen; an unreadable card; a card that jams on its way out', async () => {
    const pins = [
      { script: { keys: ['digit', 'cancel'], end: 'cancelled' } as const, step: 'atm.cancelled.finished', code: null },
      { script: { end: 'fail', error: { type: 'timeout', device: 'pinPad' } } as const, step: 'atm.cancelled.finished', code: 'pin_timeout' },
      { script: { end: 'fail', error: { type: 'connectionLost', device: 'pinPad' } } as const, step: 'atm.deviceError.finished', code: 'pin_pad_unavailable' },
    ];
    for (const { script, step, code } of pins) {
      const { w } = world(new FakeAtm().pin(script));
      await w.startAtm(card);
      expect(w.view()).toMatchObject({ step, data: { card: 'taken' } });
      expect(w.view().error?.code ?? null).toBe(code);
      await finish(w);
    }
    let { w, atm } = world();
    expect((await w.startAtm(card)).step).toBe('atm.pin.entry');
    w.runner.cancel();
    await w.settle();
    expect(w.step).toBe('atm.cancelled.finished');
    await finish(w);

    ({ w } = world());
    expect(await w.startAtm({ ok: false, code: 'card_unreadable' })).toMatchObject({ step: 'atm.unreadableCard.finished', error: { code: 'card_unreadable' }, data: { card: 'taken' } });
    await finish(w);

    ({ w, atm } = world(new FakeAtm().cardBack('jammed')));
    await toMenu(w, atm);
    expect(await w.send({ type: 'CANCEL' })).toMatchObject({ step: 'atm.cardJammed', finished: true, error: { code: 'card_jammed' }, data: { card: 'failed' } });
    await finish(w);
  });

  it('a session that ends at the PIN wipes the journey (the card is the ATM service’s to hand back)', async () => {
    const { w } = world();
    await w.startAtm(card);
    expect(() => w.runner.send({ type: 'CONFIRM_ACTIVATION' })).toThrow(expect.objectContaining({ code: 'not_allowed' }));
    await finish(w);
    expect(w.visited).toContain('atm.wiped');
  });
});

describe('every state of the ATM machine', () => {
  const report: Record<string, { visited: number; total: number; missing: string[] }> = {};
  afterAll(() => {
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'atm-journey-state-coverage.json'), `${JSON.stringify({ report, states: { atm: journeyStates('atm') } }, null, 2)}\n`);
  });

  it('atm: every state listed from the machine definition was entered', () => {
    const all = journeyStates('atm');
    const missing = all.filter((step) => !visited.has(step));
    report['atm'] = { visited: all.length - missing.length, total: all.length, missing };
    expect(missing).toEqual([]);
  });

  it('lists as screenless only the preview check and the end of the machine', () => {
    expect(screenlessStates('atm').sort()).toEqual(['atm.activate.check', 'atm.wiped']);
  });
});
