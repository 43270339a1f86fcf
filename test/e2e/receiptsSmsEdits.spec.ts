import { signInByPassword, expect, finishAndCheckWiped, labPost, lookAtStep, people, reach, saveSteps, smsMessages, test, tracesOf } from './journeyHelpers';

/**
 * The receipt by SMS of an edit's result (issue 14): with the printer out of
 * paper, the changed address's result offers its receipt by SMS as the
 * journeys' results do, and central sends it to the account's own mobile in
 * the screen's language: the title, reference, kiosk, time and the ID's last
 * four digits; nothing of the address.
 */

test.describe.configure({ timeout: 180_000 });

const cases = [
  { language: 'ar', person: people.faisal, sms: 'إيصال: تم تحديث العنوان الوطني.', sent: 'أُرسل الإيصال برسالة نصية إلى:' },
  { language: 'en', person: people.anita, sms: 'Receipt: National address updated.', sent: 'Your receipt was sent by SMS to:' },
] as const;

for (const { language, person, sms, sent } of cases) {
  test(`a changed address with no paper: its receipt by SMS, without the address (${language})`, async ({ page, demo }) => {
    expect((await labPost(demo, '/printer/paper', { paper: 'out' })).status).toBe(200);
    await signInByPassword(page, demo, language, person);

    await page.getByTestId('service-changeAddress').click();
    await reach(page, 'changeAddress.address');
    const address = { buildingNumber: '4321', street: 'Tahlia Street', district: 'Al Rawdah', city: 'Jeddah', postalCode: '23435', additionalNumber: '8765' };
    for (const [name, value] of Object.entries(address)) await page.getByTestId(`address-${name}`).locator('input').fill(value);
    await page.getByTestId('journey-next').click();
    await reach(page, 'changeAddress.changed.finished');
    await expect(page.getByTestId('new-address')).toContainText(language === 'ar' ? 'جدة' : 'Jeddah');

    await expect(page.getByTestId('receipt-choice')).toHaveAttribute('data-state', 'unavailable', { timeout: 15_000 });
    await expect(page.getByTestId('receipt-sms')).toHaveAttribute('data-sms-state', 'offered');
    if (language === 'ar') await lookAtStep(page, language, '-receipt-sms-offered');
    await page.getByTestId('receipt-send-sms').click();
    await expect(page.getByTestId('receipt-sms-sent')).toContainText(sent, { timeout: 30_000 });
    await expect(page.getByTestId('receipt-sms-sent').locator('bdi')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
    if (language === 'ar') await lookAtStep(page, language, '-receipt-sms-sent');

    const receipts = (await smsMessages(demo, person.mobile)).filter((message) => message.text.startsWith(sms));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(person.idNumber.slice(-4));
    for (const part of [person.idNumber, 'Tahlia', 'Rawdah', 'Jeddah', 'جدة', '23435', '4321', '8765']) expect(receipts[0]?.text).not.toContain(part);
    await saveSteps(page, `receipts-sms-edits-${language}`);
    await finishAndCheckWiped(page, tracesOf(person));
  });
}
