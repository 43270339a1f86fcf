import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { keepPng, keepScreenshot, pageScrolls, screenshotDir, seriousAxeViolations, transitionsSettled } from './fixtures';
import { hostFixtureTimeout } from './demoHost';
import { anyUnclaimed, lookOnce } from './looks';
import { findSmallTargets, findTruncatedText, labPost, recordSteps, saveSteps, startDemoKiosk } from './journeyHelpers';
import type { DemoKiosk, Language } from './journeyHelpers';

/**
 * The kiosk at a bank ATM, end to end: the browser host in ATM mode with the
 * demo's lab (and its ATM station: a simulated XFS4IoT ATM and bank host)
 * and the embedded central. A spec is the person at the ATM through the
 * lab's HTTP API — a card in the slot, keys on the EPP (the PIN goes into
 * the simulated EPP, never into the kiosk), the card taken — and the screen
 * is looked at at 1024×768, an ATM's 4:3.
 */

export { expect };
export type { DemoKiosk, Language };

export const atmViewport = { width: 1024, height: 768 };

/**
 * One kiosk in ATM mode per test: a fresh central (seeded population), a
 * fresh ATM and bank. Every ATM test records the steps its screen drew, for
 * the journey-state coverage (zzJourneyCoverage.spec.ts).
 */
export const test = base.extend<{ atm: DemoKiosk; atmSteps: void }>({
  atmSteps: [
    async ({ page }, use, testInfo) => {
      await recordSteps(page);
      await use();
      await saveSteps(page, `atm-${testInfo.testId}`);
    },
    { auto: true },
  ],
  atm: [
    async ({}, use, testInfo) => {
      const kiosk = await startDemoKiosk({ mode: 'atm', atm: { simulated: true } });
      await use(kiosk);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('atm-host-stderr', { body: kiosk.stderr.join('').slice(-20_000), contentType: 'text/plain' });
      }
      kiosk.process.kill('SIGTERM');
    },
    { timeout: hostFixtureTimeout },
  ],
});

// ───── the person at the ATM, through the lab ─────

interface AtmCard {
  id: string;
  panLast4: string;
  holderIdMasked: string | null;
  status: 'valid' | 'expired' | 'unlinked';
  demoPin: string;
}

interface AtmLabState {
  reader: { position: 'empty' | 'inside' | 'atExit' | 'jammed'; accepting: boolean };
  retainBin: { count: number };
  keyboard: { entry: 'none' | 'pin' | 'data'; digitsEntered: number };
  printer: { receipts: number };
  /** The bank host's recent decisions (newest first): last 4 of the PAN and the outcome. */
  bank: { decisions: unknown[] };
}

export async function atmState(kiosk: DemoKiosk): Promise<AtmLabState> {
  return (await (await fetch(`${kiosk.labUrl}/atm/state`)).json()) as AtmLabState;
}

/** A demo bank card (DEMO ONLY: with its PIN) of the holder whose ID ends so, or of the bank's own odd cases. */
export async function bankCard(kiosk: DemoKiosk, which: { idLast4: string } | { status: 'expired' | 'unlinked' } | { pan: string }): Promise<AtmCard> {
  const { cards } = (await (await fetch(`${kiosk.labUrl}/atm/cards`)).json()) as { cards: AtmCard[] };
  const card = cards.find((c) =>
    'pan' in which ? c.id === `bank-${which.pan}` : 'idLast4' in which ? c.status === 'valid' && c.holderIdMasked?.endsWith(which.idLast4) : c.status === which.status,
  );
  if (!card) throw new Error(`no demo bank card ${JSON.stringify(which)}`);
  return card;
}

/** A PIN that is not the card's: each digit one on. */
export const wrongPin = (pin: string): string => [...pin].map((d) => String((Number(d) + 1) % 10)).join('');

/** Puts the card in the ATM's slot as soon as the kiosk opens it. */
export async function insertBankCard(kiosk: DemoKiosk, card: AtmCard): Promise<void> {
  await expect.poll(async () => (await labPost(kiosk, '/atm/card/insert', { card: card.id })).status, { message: 'the ATM takes the card', intervals: [100] }).toBe(200);
}

/** Types on the EPP once it takes the PIN (`"2686 enter"`): the digits go into the simulated EPP, not the kiosk. */
export async function typeOnEpp(kiosk: DemoKiosk, keys: string): Promise<void> {
  await expect.poll(async () => (await atmState(kiosk)).keyboard.entry, { message: 'the EPP takes the PIN', intervals: [50, 100] }).toBe('pin');
  const pressed = await labPost(kiosk, '/atm/keys', { keys });
  expect(pressed.status, JSON.stringify(pressed.body)).toBe(200);
}

/**
 * One key beside the screen (`fdk01`…`fdk08`) or Enter, Cancel, Clear, pressed once the EPP reports the
 * screen's keys (pressed again only if the EPP did not take it: a key nobody reads changes nothing).
 */
export async function pressKey(kiosk: DemoKiosk, key: string): Promise<void> {
  await expect
    .poll(async () => ((await labPost(kiosk, '/atm/keys', { keys: key })).body as { pressed?: { accepted?: number } }).pressed?.accepted ?? 0, {
      message: `the EPP takes ${key}`,
      intervals: [50, 100, 200],
    })
    .toBe(1);
}

/** Takes the card once it is at the slot. */
export async function takeBankCard(kiosk: DemoKiosk): Promise<void> {
  await expect.poll(async () => (await atmState(kiosk)).reader.position, { message: 'the card at the slot', intervals: [50, 100] }).toBe('atExit');
  expect((await labPost(kiosk, '/atm/card/take')).status).toBe(200);
}

/**
 * The receipt the ATM's printer printed last, as the lab renders the bytes it
 * was sent (the PNG the dev dock shows), kept as `atm-receipt-<name>.png`:
 * its width and height in dots.
 */
export async function printedAtmReceipt(kiosk: DemoKiosk, name: string): Promise<{ width: number; height: number }> {
  const response = await fetch(`${kiosk.labUrl}/atm/receipts/last.png`);
  expect(response.status, 'the ATM’s printer printed a receipt').toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await response.arrayBuffer());
  keepPng(`${screenshotDir}atm-receipt-${name}.png`, png);
  // PNG: the IHDR chunk's width and height, big-endian, at bytes 16 and 20.
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A fault of the lab's ATM station (drivers/lab/atmFaults.ts): the bank host down, the next card motion jammed, the next PIN block failed; `none` puts all right. */
export async function atmFault(kiosk: DemoKiosk, kind: 'bankDown' | 'cardJam' | 'eppError' | 'none'): Promise<void> {
  expect((await labPost(kiosk, '/atm/fault', { kind })).status).toBe(200);
}

// ───── the screen ─────

export async function openAtm(page: Page, kiosk: DemoKiosk): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('screen-atm')).toHaveAttribute('data-place', 'idle', { timeout: 30_000 });
}

/** Waits until the ATM screen shows `step` (`atm.menu`, or `idle`), ready for the person unless `busy`. */
export async function reachAtm(page: Page, step: string, options: { busy?: boolean; timeout?: number } = {}): Promise<void> {
  const screen = page.getByTestId('screen-atm');
  await expect(screen, `waiting for ${step}`).toHaveAttribute('data-step', step, { timeout: options.timeout ?? 15_000 });
  if (!options.busy) await expect(screen).toHaveAttribute('data-busy', 'false');
}

/** The key beside a choice on screen now (it moves with the language). */
async function fdkOf(page: Page, choice: string): Promise<string> {
  const fdk = await page.getByTestId(`atm-choice-${choice}`).getAttribute('data-fdk');
  if (!fdk) throw new Error(`no choice ${choice} on screen`);
  return fdk;
}

/** Chooses by the key beside the choice, as at an ATM without touch. */
export async function chooseByKey(page: Page, kiosk: DemoKiosk, choice: string): Promise<void> {
  await expect(page.getByTestId(`atm-choice-${choice}`)).toBeEnabled();
  await pressKey(kiosk, await fdkOf(page, choice));
}

/** Starts in `language`: the language's key on the waiting screen (Arabic is the default). */
export async function chooseLanguage(page: Page, kiosk: DemoKiosk, language: Language, by: 'key' | 'touch' = 'key'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === language) return;
  if (by === 'key') await chooseByKey(page, kiosk, 'language');
  else await page.getByTestId('atm-choice-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

const lookBudgetMs = 20_000;

async function checkAtmScreen(page: Page, where: string, file: string): Promise<void> {
  await lookOnce(file, async () => {
    base.info().setTimeout(base.info().timeout + lookBudgetMs);
    await page.mouse.move(0, 0);
    await transitionsSettled(page);
    expect.soft(await seriousAxeViolations(page, { exclude: '[data-dev-dock]' }), `axe, ${where}`).toEqual([]);
    expect.soft(await findTruncatedText(page), `truncation, ${where}`).toEqual([]);
    expect.soft(await findSmallTargets(page), `touch targets, ${where}`).toEqual([]);
    expect.soft(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1), `${where} fits the ATM's screen without scrolling`).toBe(true);
    await keepScreenshot(page, file, { fullPage: await pageScrolls(page), animations: 'disabled' });
  });
}

/**
 * The ATM screen as it is now, checked (axe, nothing cut off, targets big
 * and apart, nothing below the fold) and kept as `atm-<name>-<lang>.png`;
 * where the screen offers the person's settings, again in the other language
 * and then with high contrast and large text (`…-hc-large.png`), switched by
 * their keys beside the screen, then back. Soft failures, so one run lists them all.
 * Each look once a run (looks.ts).
 */
export async function lookAtAtm(page: Page, kiosk: DemoKiosk, name: string, language: Language): Promise<void> {
  const screen = page.getByTestId('screen-atm');
  const step = await screen.getAttribute('data-step');
  await expect(page.locator('html'), 'the screen is in the language the spec looks at').toHaveAttribute('lang', language);
  await checkAtmScreen(page, `${step} (${language})`, `atm-${name}-${language}`);
  if (!(await page.getByTestId('atm-choice-language').isVisible())) return;
  const other: Language = language === 'ar' ? 'en' : 'ar';
  // Looked at in the other language and readable already this run (another test passed this screen): not again (looks.ts).
  if (!anyUnclaimed([`atm-${name}-${other}`, `atm-${name}-${other}-hc-large`])) return;
  await chooseByKey(page, kiosk, 'language');
  await expect(page.locator('html')).toHaveAttribute('lang', other);
  await expect(screen, 'a language change keeps the step').toHaveAttribute('data-step', step ?? '');
  await checkAtmScreen(page, `${step} (${other})`, `atm-${name}-${other}`);
  // And as a person who needs high contrast and large text sees it (one key for both).
  await chooseByKey(page, kiosk, 'displayReadable');
  await expect(page.locator('html')).toHaveClass(/\btext-large\b/);
  await checkAtmScreen(page, `${step} (${other}, high contrast + large text)`, `atm-${name}-${other}-hc-large`);
  await chooseByKey(page, kiosk, 'displayStandard');
  await expect(page.locator('html')).not.toHaveClass(/\btext-large\b/);
  await chooseByKey(page, kiosk, 'language');
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
