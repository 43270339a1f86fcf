import type { Page } from '@playwright/test';
import { keepPng, screenshotDir } from './fixtures';
import { type DemoKiosk, expect, type Language } from './journeyHelpers';

/**
 * "Print receipt" on a result screen, as a person does it, and the paper
 * the lab's ESC/POS printer received for it (decoded from the bytes the
 * core sent over its pty, rendered to a PNG by the lab): written beside the
 * screenshots, to look at.
 */

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

const printed = { ar: 'تفضّل باستلام الإيصال من الطابعة أسفل الشاشة.', en: 'Please take your receipt from the printer below the screen.' } as const;
const question = { ar: 'هل تريد إيصالاً مطبوعاً؟', en: 'Would you like a printed receipt?' } as const;

/** Prints the receipt the screen offers; returns the PNG of the one new receipt the printer cut. */
export async function printReceiptOnScreen(page: Page, demo: DemoKiosk, language: Language, name: string): Promise<Buffer> {
  const before = (await labReceipts(demo)).length;
  const choice = page.getByTestId('receipt-choice');
  await expect(choice).toHaveAttribute('data-state', 'offered', { timeout: 15_000 });
  await expect(choice).toContainText(question[language]);
  await page.getByTestId('receipt-print').click();
  await expect(page.getByTestId('receipt-printed')).toHaveText(printed[language], { timeout: 60_000 });
  const receipts = await labReceipts(demo);
  expect(receipts, 'one receipt came out of the printer').toHaveLength(before + 1);
  const receipt = receipts.at(-1);
  expect(receipt).toMatchObject({ endedBy: 'fullCut', widthDots: 576 });
  const response = await fetch(`${demo.labUrl}${receipt?.png ?? ''}`);
  expect(response.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await response.arrayBuffer());
  expect(png.readUInt32BE(16), 'the paper is the printer’s width').toBe(576);
  expect(png.readUInt32BE(20), 'a receipt’s length of paper').toBeGreaterThan(300);
  keepPng(`${screenshotDir}receipt-${name}-${language}.png`, png);
  // Asked once per result: the button is gone.
  await expect(page.getByTestId('receipt-print')).toHaveCount(0);
  return png;
}
