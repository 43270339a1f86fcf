import type { Locator, Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  enterCode,
  expect,
  finishAndCheckWiped,
  lookAtStep,
  openKiosk,
  people,
  placeFingerWhenAsked,
  reach,
  saveSteps,
  smsCode,
  smsMessages,
  startService,
  submitId,
  tapDigits,
  test,
  tracesOf,
  typeOnKeyboard,
} from './journeyHelpers';
import type { Language } from './journeyHelpers';
import { openAccessibility, screenshotDir, transitionsSettled } from './fixtures';

/**
 * Issue 11, what a person trips over at the screen, each brought about as a
 * person would meet it.
 */

test.describe.configure({ timeout: 90_000 });

test('a wrong password keeps the ID number, empties only the password, says it once with the tries left; the password typed on the keyboard as on a phone signs in; sign out and end session say how they differ (en)', async ({ page, demo }) => {
  const faisal = people.faisal;
  await openKiosk(page, demo, 'en');
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(faisal.idNumber);
  await page.getByTestId('password').fill('Wrong2030pass');
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.credentials');
  await expect(page.getByTestId('journey-error')).toBeVisible();
  await expect(page.getByTestId('login'), 'the ID number is still there').toHaveValue(faisal.idNumber);
  await expect(page.getByTestId('password')).toHaveValue('');
  await expect(page.getByTestId('journey-error')).toContainText('4');
  // Once: the notice, and no second copy of the same words under the field.
  const errorText = (await page.getByTestId('journey-error').locator('strong, h2, h3, p').first().textContent())?.trim() ?? '';
  expect(errorText).not.toBe('');
  await expect(page.getByText(errorText, { exact: true })).toHaveCount(1);
  await lookAtStep(page, 'en', '-wrongPassword');

  // The keyboard types into the password field (the name is there already); Shift is one-shot.
  await page.getByTestId('password').click();
  await typeOnKeyboard(page, DEMO_PASSWORD);
  await expect(page.getByTestId('password')).toHaveValue(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  const { code } = await smsCode(demo, faisal.mobile);
  await tapDigits(page, code);
  await reach(page, 'signIn.signedIn');
  // "Sign out" and "End session" say how they differ, on the home screen and in the dialog.
  await expect(page.getByTestId('screen-journey')).toContainText('keeps the kiosk open');
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('end-session-dialog')).toContainText('signed out of your account');
  await page.screenshot({ path: `${screenshotDir}trip-overs-end-session-signed-in-en.png` });
  await page.getByTestId('end-session-cancel').click();
  await saveSteps(page, 'trip-overs-wrong-password');
  await page.getByTestId('journey-sign-out').click();
  await reach(page, 'signIn.signedOut.finished');
  await finishAndCheckWiped(page, tracesOf(faisal));
});

/** Switches large text on or off with the top bar's toggle (as a person would), and waits for the page to follow. */
async function largeText(page: Page, on: boolean): Promise<void> {
  const html = page.locator('html');
  const has = ((await html.getAttribute('class')) ?? '').split(/\s+/).includes('text-large');
  if (has !== on) {
    await openAccessibility(page);
    await page.getByTestId('toggle-large-text').click();
  }
  await expect(html).toHaveClass(on ? /\btext-large\b/ : /^(?!.*\btext-large\b)/);
}

async function switchTo(page: Page, language: Language): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('toggle-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The screen shapes issue 11 names: a floor-standing portrait kiosk, a landscape one, and the 5:4 desk screen the specs default to. */
const shapes = [
  { width: 1280, height: 1024 },
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
] as const;

test('after activation the masked username is not a dead end: the username by SMS (once, to the account’s own mobile, the mobile shown masked), then sign in now with the ID just used, typing only the password (en)', async ({ page, demo }) => {
  const person = people.abeer;
  await openKiosk(page, demo, 'en');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'activate.terms');
  await page.getByTestId('journey-accept-terms').click();
  await reach(page, 'activate.mobile');
  await page.getByTestId('journey-confirm-activation').click();
  await reach(page, 'activate.code.entry');
  const { id: codeSms } = await smsCode(demo, person.mobile);
  await enterCode(page, demo, person.mobile);
  await reach(page, 'activate.activated.finished');
  await expect(page.getByTestId('masked-username')).toHaveText(/^Ab\*+9$/);
  await expect(page.getByTestId('journey-send-username')).toBeVisible();
  await expect(page.getByTestId('journey-sign-in-now')).toBeVisible();
  await lookAtStep(page, 'en', '-wayOn');

  await page.getByTestId('journey-send-username').click();
  await reach(page, 'activate.activated.finished');
  await expect(page.getByTestId('username-sent-to')).toHaveText(`05X XXX X${person.mobile.slice(-3)}`);
  await expect(page.getByTestId('journey-send-username')).toHaveCount(0);
  const sent = (await smsMessages(demo, person.mobile)).filter((m) => m.id > codeSms && m.text.includes(person.username));
  // In the session's language, once, with the username in full (the screen never shows it).
  expect(sent.map((m) => m.text)).toEqual([`Your username: ${person.username}`]);
  await expect(page.getByTestId('screen-journey')).not.toContainText(person.username);
  await lookAtStep(page, 'en', '-usernameSent');

  await page.getByTestId('journey-sign-in-now').click();
  await reach(page, 'signIn.credentials');
  await expect(page.getByTestId('login-handed-id')).toContainText(`******${person.idNumber.slice(-4)}`);
  await expect(page.getByTestId('login')).toHaveCount(0);
  await lookAtStep(page, 'en', '-handedId');
  await typeOnKeyboard(page, DEMO_PASSWORD);
  await expect(page.getByTestId('password')).toHaveValue(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  await enterCode(page, demo, person.mobile, codeSms);
  await reach(page, 'signIn.signedIn');
  await saveSteps(page, 'trip-overs-activated-way-on');
  await finishAndCheckWiped(page, tracesOf(person));
});

test('the terms: every clause on the page at reading size, none hidden in a scroll box, and "accept" in view without hunting, at every screen shape, in both languages, at both text sizes', async ({ page, demo }) => {
  const person = people.rajeshResident;
  await openKiosk(page, demo, 'ar');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'activate.terms');
  await lookAtStep(page, 'ar');
  const accept = page.getByTestId('journey-accept-terms');
  for (const shape of shapes) {
    await page.setViewportSize(shape);
    for (const language of ['ar', 'en'] as const) {
      await switchTo(page, language);
      for (const large of [false, true]) {
        await largeText(page, large);
        const where = `${shape.width}×${shape.height} ${language}${large ? ' large text' : ''}`;
        await page.evaluate(() => window.scrollTo({ top: 0 }));
        await transitionsSettled(page);
        // Nothing inside the terms (nor the terms themselves) is a box that clips or scrolls what it holds.
        const clipped = await page.getByTestId('terms-text').evaluate((root) =>
          [root, ...root.querySelectorAll<HTMLElement>('*')]
            .filter((el) => {
              const style = getComputedStyle(el);
              const clipsY = style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1;
              const clipsX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
              return clipsY || clipsX || style.maxHeight !== 'none';
            })
            .map((el) => el.tagName),
        );
        expect(clipped, `${where}: nothing in the terms scrolls or is cut off`).toEqual([]);
        // Reading size: at least 20 CSS px, half as big again at large text (RULES.md: large text ≥ 150%).
        const size = await page.getByTestId('terms-clause').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size, `${where}: clause text size`).toBeGreaterThanOrEqual(large ? 30 : 20);
        // "Accept" is on screen before anything is scrolled, nothing lies over it.
        expect(await fullyOnScreen(page, accept), `${where}: accept in view at once`).toBe(true);
        const shot = `${screenshotDir}trip-overs-terms-${shape.width}x${shape.height}-${language}${large ? '-large' : ''}`;
        if (large) await page.screenshot({ path: `${shot}-top.png` });
        // Scrolling down, each clause is read in turn, with the button still in view; at the end nothing of the text is under the button.
        const clauses = page.getByTestId('terms-clause');
        const count = await clauses.count();
        expect(count).toBe(5);
        for (let i = 0; i < count; i += 1) {
          await clauses.nth(i).evaluate((el) => el.scrollIntoView({ block: 'start' }));
          expect(await fullyOnScreen(page, accept), `${where}: accept in view at clause ${i + 1}`).toBe(true);
        }
        await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight }));
        const last = await clauses.nth(count - 1).boundingBox();
        const bar = await page.getByTestId('terms-accept-bar').boundingBox();
        expect(last && bar && last.y + last.height <= bar.y + 1, `${where}: the last clause ends above the accept bar`).toBe(true);
        expect(await fullyOnScreen(page, clauses.nth(count - 1)), `${where}: the last clause can be read`).toBe(true);
        if (large) await page.screenshot({ path: `${shot}-end.png` });
      }
    }
  }
  await page.setViewportSize(shapes[0]);
  await largeText(page, false);
  await switchTo(page, 'ar');
  await page.evaluate(() => window.scrollTo({ top: 0 }));
  await accept.click();
  await reach(page, 'activate.mobile');
  await finishAndCheckWiped(page, tracesOf(person));
});

/** The whole element is inside the viewport and is what a touch at its centre lands on. */
function fullyOnScreen(page: Page, target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

/** Every key of the on-screen keypad/keyboard: its box, and whether its label fits inside it. */
function measureKeys(page: Page): Promise<{ key: string; x: number; y: number; w: number; h: number; labelFits: boolean }[]> {
  return page.getByTestId('keyboard').evaluate((board) =>
    [...board.querySelectorAll<HTMLElement>('[data-skbtn]')].map((button) => {
      const r = button.getBoundingClientRect();
      const label = button.querySelector<HTMLElement>('.kiosk-key') ?? button.querySelector<HTMLElement>('span') ?? button;
      const l = label.getBoundingClientRect();
      const style = getComputedStyle(button);
      const inner = { left: r.left + parseFloat(style.borderLeftWidth), right: r.right - parseFloat(style.borderRightWidth), top: r.top, bottom: r.bottom };
      const labelFits = l.left >= inner.left - 0.5 && l.right <= inner.right + 0.5 && l.top >= inner.top - 0.5 && l.bottom <= inner.bottom + 0.5 && label.scrollWidth <= label.clientWidth + 1;
      return { key: button.dataset.skbtn ?? '?', x: r.left, y: r.top, w: r.width, h: r.height, labelFits };
    }),
  );
}

function keyProblems(keys: Awaited<ReturnType<typeof measureKeys>>): string[] {
  const problems: string[] = [];
  for (const k of keys) {
    if (k.w < 59.5 || k.h < 59.5) problems.push(`${k.key} is ${Math.round(k.w)}×${Math.round(k.h)}`);
    if (!k.labelFits) problems.push(`${k.key}: its label does not fit`);
  }
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const a = keys[i]!;
      const b = keys[j]!;
      const dx = Math.max(0, b.x - (a.x + a.w), a.x - (b.x + b.w));
      const dy = Math.max(0, b.y - (a.y + a.h), a.y - (b.y + b.h));
      // Neighbours only: in the same row (dx) or one above the other (dy).
      if (dy === 0 && dx < 7.5) problems.push(`${a.key} and ${b.key} are ${dx.toFixed(1)} px apart`);
      if (dx === 0 && dy < 7.5) problems.push(`${a.key} and ${b.key} are ${dy.toFixed(1)} px apart (rows)`);
    }
  }
  return problems;
}

test('keypads and the keyboard: every key at least 60×60 px and 8 px from the next, "Clear"/"Delete" (مسح/حذف) with room for their word and icon, in both languages, at both text sizes, at every screen shape', async ({ page, demo }) => {
  await openKiosk(page, demo, 'ar');
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await lookAtStep(page, 'ar', '-keys');
  const look = async (what: string) => {
    for (const shape of shapes) {
      await page.setViewportSize(shape);
      for (const language of ['ar', 'en'] as const) {
        await switchTo(page, language);
        for (const large of [false, true]) {
          await largeText(page, large);
          await transitionsSettled(page);
          const keys = await measureKeys(page);
          expect(keys.length, `${what}: keys drawn`).toBeGreaterThan(10);
          expect.soft(keyProblems(keys), `${what} at ${shape.width}×${shape.height}, ${language}${large ? ', large text' : ''}`).toEqual([]);
          for (const word of language === 'ar' ? ['مسح', 'حذف'] : ['Clear', 'Delete']) await expect(page.getByTestId('keyboard')).toContainText(word);
        }
      }
    }
    await page.setViewportSize(shapes[0]);
    await largeText(page, false);
    await switchTo(page, 'ar');
  };
  // The numeric keypad (ID, mobile, codes).
  await look('the keypad');
  await page.getByTestId('journey-cancel').click();
  await page.getByTestId('journey-cancel-confirm').click();
  // The full keyboard (sign-in), in both letter sets.
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await lookAtStep(page, 'ar', '-keys');
  await expect(page.getByTestId('keyboard').locator('[data-skbtn="q"]')).toBeVisible();
  await look('the keyboard, English letters');
  await page.getByTestId('keyboard').locator('[data-skbtn="{lang}"]').click();
  // Twelve keys in a row: the widest the keyboard gets.
  await expect(page.getByTestId('keyboard').locator('[data-skbtn="ض"]')).toBeVisible();
  await look('the keyboard, Arabic letters');
});
