// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mountKiosk, settle } from '../../test/mountKiosk';

/** Edit user information's screens against the fake core: the signed-in tiles, the current password, the national address form. */

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
});

const byTestId = (k: Kiosk, id: string) => k.wrapper.find(`[data-testid="${id}"]`);
const journeyEvents = (k: Kiosk) => k.core.calls.filter((c) => c.procedure === 'journeyEvent').map((c) => c.input);

async function inSession(...services: string[]): Promise<Kiosk> {
  kiosk = await mountKiosk();
  for (const s of services) kiosk.core.availableServices.add(s);
  await byTestId(kiosk, 'attract-start').trigger('click');
  await settle();
  return kiosk;
}

async function fill(k: Kiosk, part: string, value: string): Promise<void> {
  const input = k.wrapper.find(`[data-testid="address-${part}"] input`);
  await input.trigger('focus');
  await input.setValue(value);
}

describe('the signed-in home', () => {
  it('an edit available now starts its journey; one not built here explains itself', async () => {
    const k = await inSession('signIn', 'changeAddress');
    k.core.showJourney({ step: 'signIn.signedIn', accepts: ['SIGN_OUT'], data: { services: ['changeAddress', 'changeEmail', 'visaStatus'], fullName: { ar: 'فيصل', en: 'Faisal' } } });
    await settle();
    expect(byTestId(k, 'service-changeAddress').attributes('data-available')).toBe('true');
    expect(byTestId(k, 'service-visaStatus').attributes('data-available')).toBe('false');
    await byTestId(k, 'service-visaStatus').trigger('click');
    await settle();
    expect(k.core.calls.map((c) => c.procedure)).not.toContain('startJourney');
    await byTestId(k, 'service-changeAddress').trigger('click');
    await settle();
    expect(k.core.calls.find((c) => c.procedure === 'startJourney')?.input).toEqual({ service: 'changeAddress' });
  });
});

describe('change password: the current password', () => {
  it('is sent as typed; central’s refusal is shown on the field', async () => {
    const k = await inSession('changePassword');
    k.core.showJourney({ step: 'changePassword.current', accepts: ['SUBMIT_CURRENT_PASSWORD'] });
    await settle();
    await byTestId(k, 'current-password').setValue('Now2030pass');
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([{ type: 'SUBMIT_CURRENT_PASSWORD', password: 'Now2030pass' }]);
    k.core.showJourney({ step: 'changePassword.current', accepts: ['SUBMIT_CURRENT_PASSWORD'], error: { code: 'password_current_wrong', retryable: true }, data: { fieldErrors: { currentPassword: ['password_current_wrong'] } } });
    await settle();
    expect(byTestId(k, 'journey-error').attributes('data-code')).toBe('password_current_wrong');
    expect(byTestId(k, 'field-errors').text()).toContain('كلمة المرور الحالية غير صحيحة');
  });
});

describe('change address: the national address form', () => {
  it('says what to fix for each part as it is left, sends only a good address (as typed: the core normalises its digits), and marks central’s refusals on their parts', async () => {
    const k = await inSession('changeAddress');
    k.core.showJourney({ step: 'changeAddress.address', accepts: ['SUBMIT_ADDRESS'] });
    await settle();
    await fill(k, 'buildingNumber', '12');
    await fill(k, 'street', 'King Fahd Road');
    await fill(k, 'district', 'Al Olaya');
    await fill(k, 'city', 'Riyadh');
    await fill(k, 'postalCode', '1234a');
    await fill(k, 'additionalNumber', '6789');
    await settle();
    const words = (part: string) => k.wrapper.findAll(`[data-testid="address-${part}"] [data-testid="field-error"]`).map((e) => e.attributes('data-word'));
    expect(words('buildingNumber')).toEqual(['wrongLength']);
    expect(words('postalCode')).toEqual(['notDigits']);
    expect(words('street')).toEqual([]);
    expect(byTestId(k, 'journey-next').attributes('disabled')).toBeDefined();
    await fill(k, 'buildingNumber', '١٢٣٤');
    await fill(k, 'postalCode', '12345');
    await fill(k, 'unit', '');
    await settle();
    await byTestId(k, 'journey-next').trigger('click');
    await settle();
    expect(journeyEvents(k)).toEqual([
      { type: 'SUBMIT_ADDRESS', address: { buildingNumber: '١٢٣٤', street: 'King Fahd Road', district: 'Al Olaya', city: 'Riyadh', postalCode: '12345', additionalNumber: '6789' } },
    ]);
    k.core.showJourney({ step: 'changeAddress.address', accepts: ['SUBMIT_ADDRESS'], error: { code: 'address_invalid', retryable: true }, data: { fieldErrors: { city: ['tooLong'] } } });
    await settle();
    expect(words('city')).toEqual(['tooLong']);
    expect(byTestId(k, 'journey-error').text()).toContain('بعض أجزاء العنوان');
  });
});
