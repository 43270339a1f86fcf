import { describe, expect, it } from 'vitest';
import { resultReceiptKinds } from '../../contract/receipts';
import type { JourneyResult } from '../journeys/runner';
import { RESULT_RECEIPTS, journeyReceipt, receiptKindFor, receiptReference } from './journeyReceipts';

const setting = { kioskId: 'KIOSK-DEMO-0001', at: new Date('2025-03-09T11:45:00Z'), portalName: { ar: 'أبشر', en: 'Absher' }, supportNumber: '920020405' };
const reference = 'KIOSK-DEMO-0001-01JNQ3Y0Z7M4K2V8T6R5P9W1XC';
const result = (step: string, shown: JourneyResult['shown']): JourneyResult => ({ step, shown, reference });

describe('which result screens have a receipt', () => {
  it('activated, password updated, username recovered and mobile changed, whatever sub-state the card is in', () => {
    expect(receiptKindFor('activate.activated.finished')).toBe('accountActivated');
    expect(receiptKindFor('recoverPassword.updated.finished')).toBe('passwordRecovered');
    expect(receiptKindFor('recoverUsername.recovered')).toBe('usernameRecovered');
    expect(receiptKindFor('updateMobile.changed.returningCard')).toBe('mobileChanged');
    expect(receiptKindFor('changeEmail.changed.finished')).toBe('emailChanged');
    expect(receiptKindFor('changeAddress.changed.finished')).toBe('addressChanged');
    // Every result receipt but an inquiry's or a form's belongs to a journey's result.
    expect(new Set(Object.values(RESULT_RECEIPTS))).toEqual(new Set(resultReceiptKinds.filter((k) => k !== 'inquiryResult' && k !== 'formSubmitted')));
  });

  it('no other screen does: refusals, referrals, sign-in, registration', () => {
    for (const step of ['activate.alreadyActive.finished', 'activate.referToStaff.finished', 'signIn.done.finished', 'register.registered.finished', 'activate.activatedX', 'updateMobile.code.entry']) {
      expect(receiptKindFor(step), step).toBeNull();
    }
  });
});

describe('what goes on the receipt', () => {
  it('the masked values the screen shows, the last four of the ID, and the transaction without the kiosk prefix', () => {
    const receipt = journeyReceipt(
      result('activate.activated.finished', { idNumberMasked: '******4989', maskedMobile: '05X XXX X829', maskedUsername: 'Ab******9', firstName: { ar: 'عبير', en: 'Abeer' }, accountState: 'active' }),
      setting,
    );
    expect(receipt).toEqual({
      kind: 'accountActivated',
      input: { kioskId: 'KIOSK-DEMO-0001', reference: '01JNQ3Y0Z7M4K2V8T6R5P9W1XC', at: setting.at, portalName: setting.portalName, supportNumber: '920020405', idNumberLast4: '4989', maskedMobile: '05X XXX X829' },
    });
    // Names and usernames are not on an activation receipt.
    expect(JSON.stringify(receipt)).not.toMatch(/Abeer|عبير|Ab\*/);
  });

  it('a recovered username: masked, with the masked mobile the full one went to', () => {
    expect(journeyReceipt(result('recoverUsername.recovered.finished', { idNumberMasked: '******0008', maskedUsername: 'Fa********2', maskedMobile: '05X XXX X580' }), setting)?.input).toMatchObject({
      maskedUsername: 'Fa********2',
      sentTo: '05X XXX X580',
    });
  });

  it('no receipt rather than a wrong one: no transaction, no ID, or a value not in its masked shape', () => {
    expect(journeyReceipt({ step: 'updateMobile.changed.finished', shown: { idNumberMasked: '******0008', maskedMobile: '05X XXX X580' }, reference: null }, setting)).toBeNull();
    expect(journeyReceipt(result('updateMobile.changed.finished', { maskedMobile: '05X XXX X580' }), setting)).toBeNull();
    expect(journeyReceipt(result('updateMobile.changed.finished', { idNumberMasked: '******0008', maskedMobile: '0548986580' }), setting)).toBeNull();
    expect(journeyReceipt(result('recoverUsername.recovered.finished', { idNumberMasked: '******0008', maskedUsername: 'Faisal1042' }), setting)).toBeNull();
    expect(journeyReceipt(result('signIn.done.finished', { idNumberMasked: '******0008' }), setting)).toBeNull();
  });

  it('a changed e-mail or address: only the masked e-mail, and the city, district and the postal code’s last two digits', () => {
    const email = journeyReceipt(result('changeEmail.changed.finished', { idNumberMasked: '******4989', maskedMobile: '05X XXX X829', newEmail: 'ab******@example.com' }), setting);
    expect(email).toMatchObject({ kind: 'emailChanged', input: { idNumberLast4: '4989', maskedEmail: 'ab******@example.com' } });
    const address = journeyReceipt(result('changeAddress.changed.finished', { idNumberMasked: '******4989', newAddress: { city: 'الرياض', district: 'العليا', postalCode: '***14' } }), setting);
    // The city in both languages (the national address list), whichever was typed: each receipt prints it in its own.
    expect(address).toMatchObject({ kind: 'addressChanged', input: { city: { ar: 'الرياض', en: 'Riyadh' }, district: 'العليا', postalCode: '***14' } });
    const typedInEnglish = journeyReceipt(result('changeAddress.changed.finished', { idNumberMasked: '******4989', newAddress: { city: 'jeddah', district: 'Al Rawdah', postalCode: '***35' } }), setting);
    expect(typedInEnglish).toMatchObject({ input: { city: { ar: 'جدة', en: 'Jeddah' } } });
    const notOnTheList = journeyReceipt(result('changeAddress.changed.finished', { idNumberMasked: '******4989', newAddress: { city: 'Qaryat Al Ulya', district: 'Al Nahda', postalCode: '***35' } }), setting);
    expect(notOnTheList).toMatchObject({ input: { city: { ar: 'Qaryat Al Ulya', en: 'Qaryat Al Ulya' } } });
    // No masked value, or one not in its masked shape: no receipt.
    expect(journeyReceipt(result('changeEmail.changed.finished', { idNumberMasked: '******4989' }), setting)).toBeNull();
    expect(journeyReceipt(result('changeEmail.changed.finished', { idNumberMasked: '******4989', newEmail: 'abeer@example.com' }), setting)).toBeNull();
    expect(journeyReceipt(result('changeAddress.changed.finished', { idNumberMasked: '******4989', newAddress: { city: 'الرياض', district: 'العليا', postalCode: '12214' } }), setting)).toBeNull();
  });

  it('the reference is the transaction id’s ULID (the kiosk has its own line); an id of another shape is printed as it is', () => {
    expect(receiptReference('KIOSK-DEMO-0001-01JNQ3Y0Z7M4K2V8T6R5P9W1XC')).toBe('01JNQ3Y0Z7M4K2V8T6R5P9W1XC');
    expect(receiptReference('K-RUH-7-01JNQ3Y0Z7M4K2V8T6R5P9W1XC')).toBe('01JNQ3Y0Z7M4K2V8T6R5P9W1XC');
    expect(receiptReference('TX-7F3A9C21')).toBe('TX-7F3A9C21');
  });
});
