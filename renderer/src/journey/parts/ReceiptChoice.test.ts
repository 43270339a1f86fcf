// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../../../common/time';
import type { JourneyView, ReceiptOffer } from '../../contract';
import ar from '../../locales/ar.json';
import en from '../../locales/en.json';
import { installFakeSpeech } from '../../../test/fakeSpeech';
import { mountKiosk, settle } from '../../../test/mountKiosk';

/**
 * The receipt a result screen offers, against the fake core: what the person
 * sees in each state, that asking sends the receipt's kind and nothing else,
 * and that "No thanks", a missing printer or a printer without paper leave the
 * result screen as it would be without a printer.
 */

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
let removeSpeech: (() => void) | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
  removeSpeech?.();
  removeSpeech = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const activated: Partial<JourneyView> & Pick<JourneyView, 'step'> = {
  step: 'activate.activated.finished',
  finished: true,
  accepts: [],
  data: { accountState: 'active', maskedUsername: 'Ab******9', idNumberMasked: '******4989' },
};

/** The activation result on screen, with this receipt offer (null: no printer fitted). */
async function onResult(receipt: ReceiptOffer | null, options: { language?: 'en' } = {}): Promise<Kiosk> {
  kiosk = await mountKiosk();
  kiosk.core.availableServices.add('activate');
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  if (options.language) {
    await byTestId(kiosk, 'toggle-language').trigger('click');
    await settle();
  }
  kiosk.core.receipt = receipt;
  kiosk.core.showJourney(activated);
  await settle();
  // The offer shows once the screen itself is up (speech reads it after the screen's words).
  await sleep(0);
  await settle();
  return kiosk;
}

describe('the receipt on a result screen', () => {
  it('no printer fitted: nothing about receipts, the result screen as ever', async () => {
    const k = await onResult(null);
    expect(byTestId(k, 'journey-result').attributes('data-outcome')).toBe('activate.activated');
    expect(byTestId(k, 'receipt-choice').exists()).toBe(false);
    expect(byTestId(k, 'journey-end-session').exists()).toBe(true);
  });

  it('offered: "Print receipt" sends only the receipt’s kind; the screen follows it to "take your receipt"', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'offered' }, { language: 'en' });
    const choice = byTestId(k, 'receipt-choice');
    expect(choice.attributes('data-state')).toBe('offered');
    expect(choice.text()).toContain(en.journey.outcomes.receipt.question);
    expect(byTestId(k, 'receipt-no-thanks').text()).toBe(en.journey.outcomes.receipt.noThanks);

    await byTestId(k, 'receipt-print').trigger('click');
    await settle();
    expect(k.core.calls.filter((c) => c.procedure === 'printReceipt').map((c) => c.input)).toEqual([{ receipt: 'accountActivated' }]);
    expect(byTestId(k, 'receipt-printing').text()).toBe(en.journey.outcomes.receipt.printing);

    k.core.receipt = { kind: 'accountActivated', state: 'printed' };
    k.core.push();
    await settle();
    expect(byTestId(k, 'receipt-printed').text()).toBe(en.journey.outcomes.receipt.printed);
    // The way on is untouched.
    expect(byTestId(k, 'journey-to-services').exists()).toBe(true);
  });

  it('"No thanks" puts the offer away and asks nothing of the core', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'offered' });
    await byTestId(k, 'receipt-no-thanks').trigger('click');
    await settle();
    expect(byTestId(k, 'receipt-choice').exists()).toBe(false);
    expect(k.core.calls.some((c) => c.procedure === 'printReceipt')).toBe(false);
    expect(byTestId(k, 'journey-end-session').exists()).toBe(true);
  });

  it('a printer out of paper: no choice, a calm note of why, and the result stays a success', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut' });
    expect(byTestId(k, 'receipt-print').exists()).toBe(false);
    const note = byTestId(k, 'receipt-unavailable');
    expect(note.text()).toContain(ar.journey.outcomes.receipt.unavailable.replace('{problem}', ar.journey.outcomes.receipt.problems.paperOut));
    expect(note.text()).toContain(ar.journey.outcomes.receipt.complete);
    expect(k.wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(byTestId(k, 'journey-result').text()).toContain(ar.journey.outcomes.activate.activated.title);
  });

  it('a printer out of paper with the SMS offered: says why, "Send by SMS" names only the receipt, then "sent" to the masked mobile', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'offered' } }, { language: 'en' });
    const receipt = en.journey.outcomes.receipt;
    expect(byTestId(k, 'receipt-unavailable').text()).toContain(receipt.unavailable.replace('{problem}', receipt.problems.paperOut));
    expect(byTestId(k, 'receipt-sms').text()).toContain(receipt.smsOffer);
    expect(byTestId(k, 'receipt-print').exists()).toBe(false);
    expect(byTestId(k, 'receipt-send-sms').text()).toBe(receipt.sendSms);

    await byTestId(k, 'receipt-send-sms').trigger('click');
    await settle();
    expect(k.core.calls.filter((c) => c.procedure === 'sendReceiptSms').map((c) => c.input)).toEqual([{ receipt: 'accountActivated' }]);
    expect(byTestId(k, 'receipt-sms-sending').text()).toBe(receipt.smsSending);

    k.core.receipt = { kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'sent', sentTo: '05X XXX X829' } };
    k.core.push();
    await settle();
    const sent = byTestId(k, 'receipt-sms-sent');
    expect(sent.text()).toContain(receipt.smsSent);
    // The number reads left to right inside the sentence, in either language.
    expect(sent.find('bdi[dir="ltr"]').text()).toBe('05X XXX X829');
    expect(byTestId(k, 'receipt-send-sms').exists()).toBe(false);
    expect(byTestId(k, 'journey-to-services').exists()).toBe(true);
  });

  it('an SMS central could not send says so in Arabic and may be asked again; a printer that can print offers no SMS', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'failed', problem: 'coverOpen', partlyPrinted: false, canRetry: false, sms: { state: 'failed' } });
    expect(byTestId(k, 'receipt-sms').text()).toContain(ar.journey.outcomes.receipt.smsFailed);
    expect(byTestId(k, 'receipt-send-sms').text()).toBe(ar.journey.outcomes.receipt.smsRetry);
    await byTestId(k, 'receipt-send-sms').trigger('click');
    await settle();
    expect(k.core.calls.filter((c) => c.procedure === 'sendReceiptSms')).toHaveLength(1);
    // The core took it (as the real core does after a failed SMS): the screen says it is sending again.
    expect(byTestId(k, 'receipt-sms-sending').exists()).toBe(true);

    k.core.receipt = { kind: 'accountActivated', state: 'offered' };
    k.core.push();
    await settle();
    expect(byTestId(k, 'receipt-sms').exists()).toBe(false);
  });

  it('a print that failed mid-receipt says why and that the piece out is not a receipt; retry only when the printer can print', async () => {
    const k = await onResult({ kind: 'accountActivated', state: 'failed', problem: 'paperOut', partlyPrinted: true, canRetry: false }, { language: 'en' });
    const failure = byTestId(k, 'receipt-failed');
    expect(failure.attributes('role')).toBe('alert');
    expect(failure.text()).toContain(en.journey.outcomes.receipt.failed.replace('{problem}', en.journey.outcomes.receipt.problems.paperOut));
    expect(failure.text()).toContain(en.journey.outcomes.receipt.partlyPrinted);
    expect(failure.text()).toContain(en.journey.outcomes.receipt.complete);
    expect(byTestId(k, 'receipt-retry').exists()).toBe(false);

    k.core.receipt = { kind: 'accountActivated', state: 'failed', problem: 'paperOut', partlyPrinted: true, canRetry: true };
    k.core.push();
    await settle();
    await byTestId(k, 'receipt-retry').trigger('click');
    await settle();
    expect(k.core.calls.filter((c) => c.procedure === 'printReceipt').map((c) => c.input)).toEqual([{ receipt: 'accountActivated' }]);
  });

  it('speech mode says the offer after the screen, and how the printing went', async () => {
    const fake = installFakeSpeech();
    removeSpeech = fake.remove;
    kiosk = await mountKiosk();
    const k = kiosk;
    k.core.availableServices.add('activate');
    await byTestId(k, 'attract-start').trigger('click');
    await settle();
    await byTestId(k, 'toggle-speech').trigger('click');
    await settle();
    k.core.receipt = { kind: 'accountActivated', state: 'offered' };
    k.core.showJourney(activated);
    await settle();
    await sleep(0);
    await settle();
    expect(fake.synth.said.map((s) => s.text)).toContain(ar.journey.outcomes.receipt.question);
    k.core.receipt = { kind: 'accountActivated', state: 'printed' };
    k.core.push();
    await settle();
    expect(fake.synth.said.at(-1)?.text).toBe(ar.journey.outcomes.receipt.printed);
  });

  it('speech mode says why no receipt can be printed, the SMS offer, and where the SMS went', async () => {
    const fake = installFakeSpeech();
    removeSpeech = fake.remove;
    kiosk = await mountKiosk();
    const k = kiosk;
    k.core.availableServices.add('activate');
    await byTestId(k, 'attract-start').trigger('click');
    await settle();
    await byTestId(k, 'toggle-speech').trigger('click');
    await settle();
    k.core.receipt = { kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'offered' } };
    k.core.showJourney(activated);
    await settle();
    await sleep(0);
    await settle();
    const said = () => fake.synth.said.map((s) => s.text).join(' ');
    const receipt = ar.journey.outcomes.receipt;
    expect(said()).toContain(receipt.unavailable.replace('{problem}', receipt.problems.paperOut));
    expect(said()).toContain(receipt.smsOffer);
    k.core.receipt = { kind: 'accountActivated', state: 'unavailable', problem: 'paperOut', sms: { state: 'sent', sentTo: '05X XXX X829' } };
    k.core.push();
    await settle();
    expect(fake.synth.said.at(-1)?.text).toContain(receipt.smsSent);
  });
});
