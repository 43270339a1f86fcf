import { writeFileSync } from 'node:fs';
import { screenshotDir } from './fixtures';
import {
  activateToResult,
  expect,
  finishAndCheckWiped,
  labPost,
  lookAtStep,
  openKiosk,
  people,
  placeFingerWhenAsked,
  reach,
  startService,
  submitId,
  test,
  tracesOf,
} from './journeyHelpers';
import type { DemoKiosk } from './journeyHelpers';

/**
 * Receipts (issue 15) against the real core, the lab's ESC/POS printer over
 * its pty and the embedded central: a result screen offers "Print receipt",
 * the lab's printer gets a receipt it renders to a PNG, and the screen says to
 * take it; a printer without paper leaves the journey as it is and says only
 * that no receipt can be printed; a roll that ends mid-receipt is told plainly.
 */

test.describe.configure({ timeout: 120_000 });

interface LabReceipt {
  number: number;
  endedBy: 'fullCut' | 'partialCut' | 'paperOut';
  widthDots: number;
  heightDots: number;
  png: string;
}

async function labReceipts(kiosk: DemoKiosk): Promise<LabReceipt[]> {
  return ((await (await fetch(`${kiosk.labUrl}/printer/receipts`)).json()) as { receipts: LabReceipt[] }).receipts;
}

/** The kiosk's own printer as the page shows it to the core: online again after a fault is put right. */
async function printerSeenOnline(kiosk: DemoKiosk): Promise<void> {
  await expect.poll(async () => ((await (await fetch(`${kiosk.labUrl}/state`)).json()) as { printer: { online: boolean } }).printer.online).toBe(true);
}

const printed = { ar: 'تفضّل باستلام الإيصال من الطابعة أسفل الشاشة.', en: 'Please take your receipt from the printer below the screen.' } as const;
const question = { ar: 'هل تريد إيصالاً مطبوعاً؟', en: 'Would you like a printed receipt?' } as const;

for (const language of ['ar', 'en'] as const) {
  test(`activate, print the receipt: the lab's printer has it and the screen says to take it (${language})`, async ({ page, demo }) => {
    const person = language === 'ar' ? people.abeer : people.rajeshResident;
    await activateToResult(page, demo, language, person);
    const choice = page.getByTestId('receipt-choice');
    await expect(choice).toHaveAttribute('data-state', 'offered');
    await expect(choice).toContainText(question[language]);
    // The result screen with the choice, as every person could see it (both languages, high contrast, large text).
    await lookAtStep(page, language, '-receipt-offered');
    expect(await labReceipts(demo)).toEqual([]);

    await page.getByTestId('receipt-print').click();
    await expect(page.getByTestId('receipt-printed')).toHaveText(printed[language], { timeout: 60_000 });
    await lookAtStep(page, language, '-receipt-printed');

    const receipts = await labReceipts(demo);
    expect(receipts).toHaveLength(1);
    const [receipt] = receipts;
    expect(receipt).toMatchObject({ number: 1, endedBy: 'fullCut', widthDots: 576 });
    const response = await fetch(`${demo.labUrl}${receipt?.png ?? ''}`);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16), 'the paper is the printer’s width').toBe(576);
    expect(png.readUInt32BE(20)).toBe(receipt?.heightDots);
    // The paper itself, to look at.
    writeFileSync(`${screenshotDir}receipt-accountActivated-${language}.png`, png);

    // The dev dock shows the same paper.
    await page.getByTestId('dev-dock-open').click();
    const paper = page.getByTestId('dev-dock-printer-receipt');
    await expect(paper).toHaveAttribute('data-number', '1');
    await expect(paper).toHaveAttribute('data-ended-by', 'fullCut');
    await page.getByTestId('dev-dock-printer').screenshot({ path: `${screenshotDir}dev-dock-printer-${language}.png` });
    await page.getByTestId('dev-dock-close').click();

    // Nothing of the person on the screen or in the stores once the session ends, receipt or not.
    await finishAndCheckWiped(page, tracesOf(person));
  });
}

test('paper out mid-session: the result offers no receipt, says why, and the journey and the services are as they were (ar)', async ({ page, demo }) => {
  const person = people.faisal;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'recoverUsername');
  await reach(page, 'recoverUsername.id');
  await submitId(page, person.idNumber);
  // The roll runs out while the person is at the reader.
  expect((await labPost(demo, '/printer/paper', { paper: 'out' })).status).toBe(200);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'recoverUsername.recovered.finished');

  const result = page.getByTestId('journey-result');
  await expect(result).toHaveAttribute('data-outcome', 'recoverUsername.recovered');
  await expect(page.getByTestId('masked-username')).toBeVisible();
  await expect(page.getByTestId('receipt-choice')).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByTestId('receipt-unavailable')).toContainText('نفد الورق من الطابعة');
  await expect(page.getByTestId('receipt-unavailable')).toContainText('طلبك مكتمل');
  await expect(page.getByTestId('receipt-print')).toHaveCount(0);
  await expect(result.locator('[role="alert"]')).toHaveCount(0);
  await lookAtStep(page, 'ar', '-receipt-paper-out');

  // Every service is still offered: a kiosk without paper serves on.
  await page.getByTestId('journey-to-services').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  for (const service of ['activate', 'recoverPassword', 'updateMobile']) await expect(page.getByTestId(`service-${service}`)).toHaveAttribute('data-available', 'true');
  expect(await labReceipts(demo)).toEqual([]);
});

test('a print that fails mid-receipt says so clearly, and a new roll lets the person try again (en)', async ({ page, demo }) => {
  const person = people.rajeshResident;
  await activateToResult(page, demo, 'en', person);
  await expect(page.getByTestId('receipt-choice')).toHaveAttribute('data-state', 'offered');
  // The roll ends a little way into the receipt.
  expect((await labPost(demo, '/printer/paper', { paper: 'out', afterRows: 200 })).status).toBe(200);
  await page.getByTestId('receipt-print').click();

  const failure = page.getByTestId('receipt-failed');
  await expect(failure).toContainText('The printer could not print your receipt: the printer is out of paper.', { timeout: 60_000 });
  await expect(failure).toContainText('Part of a receipt may have come out. It is not a valid receipt.');
  await expect(failure).toContainText('Your request is complete');
  await expect(page.getByTestId('journey-result')).toHaveAttribute('data-outcome', 'activate.activated');
  const [piece] = await labReceipts(demo);
  expect(piece).toMatchObject({ endedBy: 'paperOut' });
  await lookAtStep(page, 'en', '-receipt-failed');

  // A new roll: the person may try again, and this time it comes out whole.
  expect((await labPost(demo, '/printer/paper', { paper: 'ok' })).status).toBe(200);
  await printerSeenOnline(demo);
  await page.getByTestId('receipt-retry').click({ timeout: 30_000 });
  await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 60_000 });
  expect((await labReceipts(demo)).map((receipt) => receipt.endedBy)).toEqual(['paperOut', 'fullCut']);
});
