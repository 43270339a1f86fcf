import { activateToResult, expect, finishAndCheckWiped, labPost, lookAtStep, people, smsMessages, test, tracesOf } from './journeyHelpers';

/**
 * The receipt by SMS (issue 15 item 5), against the real core, the lab's
 * printer and the embedded central: a printer that cannot print leaves the
 * result screen offering "Send by SMS" and saying why; the SMS reaches the
 * demo central's outbox for the account's own mobile, in the person's
 * language; the kiosk goes on offering every service.
 */

test.describe.configure({ timeout: 120_000 });

const cases = [
  {
    language: 'ar',
    person: people.abeer,
    fault: { path: '/printer/paper', body: { paper: 'out' } },
    why: 'لا يمكن طباعة إيصال الآن: نفد الورق من الطابعة.',
    offer: 'يمكننا بدلاً من ذلك إرسال الإيصال برسالة نصية إلى رقم الجوال المسجل في حسابك.',
    sent: 'أُرسل الإيصال برسالة نصية إلى:',
    sms: 'إيصال: تم تفعيل الحساب.',
  },
  {
    language: 'en',
    person: people.rajeshResident,
    fault: { path: '/printer/cover', body: { open: true } },
    why: 'A receipt cannot be printed now: the printer cover is open.',
    offer: 'We can send this receipt by SMS to the mobile number registered to your account instead.',
    sent: 'Your receipt was sent by SMS to:',
    sms: 'Receipt: Account activated.',
  },
] as const;

for (const { language, person, fault, why, offer, sent, sms } of cases) {
  test(`the printer cannot print: the result offers the receipt by SMS, says why, and the SMS arrives (${language})`, async ({ page, demo }) => {
    // The fault is on before the person starts; the kiosk's status poll sees it long before the result.
    expect((await labPost(demo, fault.path, fault.body)).status).toBe(200);
    await activateToResult(page, demo, language, person);

    const choice = page.getByTestId('receipt-choice');
    await expect(choice).toHaveAttribute('data-state', 'unavailable');
    await expect(page.getByTestId('receipt-unavailable')).toContainText(why);
    await expect(page.getByTestId('receipt-sms')).toHaveAttribute('data-sms-state', 'offered');
    await expect(page.getByTestId('receipt-sms')).toContainText(offer);
    await expect(page.getByTestId('receipt-print')).toHaveCount(0);
    // The result stays a success: nothing on it is an alarm.
    await expect(page.getByTestId('journey-result')).toHaveAttribute('data-outcome', 'activate.activated');
    await expect(page.getByTestId('journey-result').locator('[role="alert"]')).toHaveCount(0);
    await lookAtStep(page, language, '-receipt-sms-offered');

    const before = (await smsMessages(demo, person.mobile)).length;
    await page.getByTestId('receipt-send-sms').click();
    const done = page.getByTestId('receipt-sms-sent');
    await expect(done).toContainText(sent, { timeout: 30_000 });
    await expect(done.locator('bdi')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
    await expect(page.getByTestId('receipt-send-sms')).toHaveCount(0);
    await lookAtStep(page, language, '-receipt-sms-sent');

    // The demo central's outbox has exactly one receipt for this person, in the language of the screen, with no full ID.
    const messages = await smsMessages(demo, person.mobile);
    const receipts = messages.slice(0, messages.length - before).filter((message) => message.text.startsWith(sms));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(person.idNumber.slice(-4));
    expect(receipts[0]?.text).not.toContain(person.idNumber);

    // Every service is still offered: a kiosk that cannot print serves on.
    await page.getByTestId('journey-to-services').click();
    await expect(page.getByTestId('screen-services')).toBeVisible();
    for (const service of ['activate', 'recoverPassword', 'recoverUsername', 'updateMobile']) await expect(page.getByTestId(`service-${service}`)).toHaveAttribute('data-available', 'true');
    await finishAndCheckWiped(page, tracesOf(person));
  });
}
