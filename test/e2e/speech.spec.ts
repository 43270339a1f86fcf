import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, openKiosk, people, reach, smsCode, startService, tapDigits, test, typeOnKeyboard } from './journeyHelpers';
import { openAccessibility, screenshotDir, seriousAxeViolations, transitionsSettled } from './fixtures';
import { cancelsSoFar, expectSaid, recordSpeech, saidSoFar } from './speechHelpers';

/**
 * Speech mode (RULES.md) against the real browser host and the demo's
 * central: a recording `speechSynthesis` replaces the browser's before the
 * app loads, so the spec hears everything the kiosk would say. A person signs
 * in with speech on: every prompt is said in the screen's language, the wrong
 * code's error is said, the password and the SMS code never are; the next
 * session starts with speech off at the default volume.
 */

const arabicLetters = /[\u0600-\u06FF]/;
const latinLetters = /[A-Za-z]/;
/** What a secret field's echo may say (renderer/src/locales: speech.entered, .deleted, .cleared). */
const neutralWords = new Set(['تم الإدخال', 'حذف', 'تم المسح', 'entered', 'delete', 'cleared']);
const defaultVolume = 3;

async function sessionSpeech(page: Page): Promise<{ speech: boolean; volume: number } | null> {
  const state = (await page.evaluate(() => window.__kioskDebug?.storeState())) as { session?: { snapshot?: { session?: { speech: boolean; volume: number } | null } } };
  const session = state.session?.snapshot?.session;
  return session ? { speech: session.speech, volume: session.volume } : null;
}

/** The top bar as RULES.md wants every screen: no text cut off, no sideways scroll, 44×44 px targets ≥ 8 px apart. */
function topBarProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const bar = document.querySelector('header.top-bar');
    if (!bar) return ['no top bar'];
    for (const el of bar.querySelectorAll<HTMLElement>('*')) {
      if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${el.className} "${(el.textContent ?? '').trim()}" is cut off`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
    const controls = [...bar.querySelectorAll<HTMLElement>('button')].filter((el) => el.checkVisibility());
    const rects = controls.map((el) => ({ name: el.dataset.testid ?? '', r: el.getBoundingClientRect() }));
    for (const { name, r } of rects) if (r.width < 43.5 || r.height < 43.5) problems.push(`${name} is ${Math.round(r.width)}×${Math.round(r.height)}`);
    for (let i = 0; i < rects.length; i += 1) {
      for (let j = i + 1; j < rects.length; j += 1) {
        const a = rects[i]!.r;
        const b = rects[j]!.r;
        const gap = Math.hypot(Math.max(0, b.left - a.right, a.left - b.right), Math.max(0, b.top - a.bottom, a.top - b.bottom));
        if (gap < 7.5) problems.push(`${rects[i]!.name} and ${rects[j]!.name} are ${Math.round(gap)} px apart`);
      }
    }
    return problems;
  });
}

test('speech mode: prompts and errors said in the screen\'s language, never a password or a code, off again for the next person', async ({ page, demo }) => {
  test.setTimeout(90_000);
  const person = people.faisal;
  await recordSpeech(page);
  await openKiosk(page, demo, 'ar');

  // Off until the person turns it on: nothing said so far.
  const toggle = page.getByTestId('toggle-speech');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toBeEnabled();
  await expect(page.getByTestId('speech-volume')).toHaveCount(0);
  expect(await saidSoFar(page)).toEqual([]);

  await openAccessibility(page);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('speech-volume')).toHaveAttribute('data-volume', String(defaultVolume));
  const servicesTitle = (await page.locator('#services-title').textContent())!.trim();
  await expectSaid(page, 0, (s) => s.text.startsWith(servicesTitle) && s.lang === 'ar-SA', 'the services prompt in Arabic');
  expect((await saidSoFar(page)).every((s) => s.lang === 'ar-SA' && arabicLetters.test(s.text) && s.volume === defaultVolume / 5)).toBe(true);

  // A step: its heading and prompt, in Arabic, after stopping what was being said.
  let from = (await saidSoFar(page)).length;
  const cancels = await cancelsSoFar(page);
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  const credentialsTitle = (await page.getByTestId('step-title').textContent())!.trim();
  await expectSaid(page, from, (s) => s.text.startsWith(credentialsTitle) && s.lang === 'ar-SA', 'the credentials prompt');
  expect(await cancelsSoFar(page)).toBeGreaterThan(cancels);

  // The ID number is no secret: each digit is echoed.
  from = (await saidSoFar(page)).length;
  await tapDigits(page, person.idNumber);
  await expect(page.getByTestId('login')).toHaveValue(person.idNumber);
  await expect.poll(async () => (await saidSoFar(page)).slice(from).map((s) => s.text)).toEqual([...person.idNumber]);

  // The password is: "entered" for each character, shown in clear or not.
  await page.getByTestId('password').click();
  from = (await saidSoFar(page)).length;
  await typeOnKeyboard(page, DEMO_PASSWORD.slice(0, 6));
  await page.getByTestId('password-show').click();
  await typeOnKeyboard(page, DEMO_PASSWORD.slice(6));
  await expect(page.getByTestId('password')).toHaveValue(DEMO_PASSWORD);
  await expect.poll(async () => (await saidSoFar(page)).slice(from).filter((s) => s.text === 'تم الإدخال').length).toBe(DEMO_PASSWORD.length);
  const whileTypingPassword = (await saidSoFar(page)).slice(from).map((s) => s.text);
  expect(whileTypingPassword.filter((text) => !neutralWords.has(text)), 'said while the password was typed').toEqual([]);

  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  const codeTitle = (await page.getByTestId('step-title').textContent())!.trim();
  await expectSaid(page, from, (s) => s.text.startsWith(codeTitle) && s.lang === 'ar-SA', 'the code prompt in Arabic');

  // A wrong code: "entered" for each digit, then the error, in Arabic.
  const { code } = await smsCode(demo, person.mobile);
  const wrong = code === '0000' ? '1111' : '0000';
  from = (await saidSoFar(page)).length;
  await tapDigits(page, wrong);
  await reach(page, 'signIn.code.entry');
  await expect(page.getByTestId('journey-error')).toHaveAttribute('data-code', 'otp_wrong');
  const errorTitle = (await page.locator('[data-testid="journey-error"] .error-notice__title').textContent())!.trim();
  await expectSaid(page, from, (s) => s.text.startsWith(errorTitle) && s.lang === 'ar-SA', 'the wrong-code error');

  // The other language: the same step said again, in English.
  from = (await saidSoFar(page)).length;
  await page.getByTestId('toggle-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const codeTitleEn = (await page.getByTestId('step-title').textContent())!.trim();
  expect(codeTitleEn).toMatch(latinLetters);
  const english = await expectSaid(page, from, (s) => s.text.startsWith(codeTitleEn), 'the code prompt in English');
  expect(english.lang).toBe('en-US');
  expect(english.text).not.toMatch(arabicLetters);

  // Louder, then the right code: "entered" at the new volume, and the signed-in home said in English.
  await openAccessibility(page);
  await page.getByTestId('volume-up').click();
  await page.getByTestId('volume-up').click();
  await expect(page.getByTestId('speech-volume')).toHaveAttribute('data-volume', '5');
  await expect(page.getByTestId('volume-up')).toBeDisabled();
  await expectSaid(page, from, (s) => s.text === 'Volume 5 of 5' && s.volume === 1, 'the new volume');
  from = (await saidSoFar(page)).length;
  await tapDigits(page, code);
  await reach(page, 'signIn.signedIn');
  const homeTitle = (await page.getByTestId('step-title').textContent())!.trim();
  await expectSaid(page, from, (s) => s.text.startsWith(homeTitle) && s.lang === 'en-US' && s.volume === 1, 'the signed-in home');
  const whileTypingCode = (await saidSoFar(page)).slice(from).filter((s) => !s.text.startsWith(homeTitle));
  expect(whileTypingCode.filter((s) => /\d/.test(s.text)), 'digits said while the code was typed').toEqual([]);

  // Nothing ever said holds the password or either code, or any of their characters on their own.
  const everything = await saidSoFar(page);
  for (const { text } of everything) {
    expect(text, 'an utterance').not.toContain(DEMO_PASSWORD);
    expect(text, 'an utterance').not.toContain(code);
    expect(text, 'an utterance').not.toContain(wrong);
  }
  const fromCodeStep = everything.findIndex((s) => s.text.startsWith(codeTitle));
  const codeStepToHome = everything.slice(fromCodeStep, everything.findIndex((s) => s.text.startsWith(homeTitle)));
  expect(codeStepToHome.filter((s) => /^\s*\d\s*$/.test(s.text)), 'a lone digit said on the code step').toEqual([]);

  // The end of the session: speech stops, and the next person starts with it off at the default volume.
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('end-session-dialog')).toBeVisible();
  const endTitle = (await page.locator('[data-testid="end-session-dialog"] h2').textContent())!.trim();
  await expectSaid(page, from, (s) => s.text.startsWith(endTitle) && s.lang === 'en-US', 'the end-session question');
  await page.getByTestId('end-session-confirm').click();
  await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });
  const afterEnd = (await saidSoFar(page)).length;
  await page.getByTestId('attract-start').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  expect(await sessionSpeech(page)).toEqual({ speech: false, volume: defaultVolume });
  await expect(page.getByTestId('toggle-speech')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('speech-volume')).toHaveCount(0);
  // The narrator speaks from a MutationObserver as the screen changes, so the services screen's prompt would have been
  // said before it showed; a painted frame after it leaves nothing of that change unsaid.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  expect((await saidSoFar(page)).length, 'said in the next session, with speech off').toBe(afterEnd);
});

async function setToggle(page: Page, testId: string, on: boolean): Promise<void> {
  const toggle = page.getByTestId(testId);
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) {
    await openAccessibility(page);
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}

test('the top bar with speech on fits at 1280 px, in Arabic and English, at both text sizes and in high contrast', async ({ page, demo }) => {
  await recordSpeech(page);
  await openKiosk(page, demo, 'ar');
  await openAccessibility(page);
  await page.getByTestId('toggle-speech').click();
  await expect(page.getByTestId('speech-volume')).toBeVisible();
  for (const language of ['ar', 'en'] as const) {
    if ((await page.locator('html').getAttribute('lang')) !== language) await page.getByTestId('toggle-language').click();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const [large, contrast] of [[false, false], [true, false], [true, true]] as const) {
      await setToggle(page, 'toggle-large-text', large);
      await setToggle(page, 'toggle-contrast', contrast);
      await page.mouse.move(0, 0);
      await transitionsSettled(page);
      const where = `top bar, ${language}${large ? ', large text' : ''}${contrast ? ', high contrast' : ''}`;
      expect(await topBarProblems(page), where).toEqual([]);
      expect(await seriousAxeViolations(page, { include: 'header.top-bar' }), where).toEqual([]);
      const suffix = `${large ? '-large' : ''}${contrast ? '-contrast' : ''}`;
      await page.locator('header.top-bar').screenshot({ path: `${screenshotDir}speech-top-bar-${language}${suffix}.png` });
    }
  }
});

test('a browser without speech synthesis shows speech as unavailable and goes on working', async ({ page, demo }) => {
  await page.addInitScript(() => {
    Reflect.deleteProperty(window, 'speechSynthesis');
    Reflect.deleteProperty(window, 'SpeechSynthesisUtterance');
  });
  await openKiosk(page, demo, 'en');
  await openAccessibility(page);
  const toggle = page.getByTestId('toggle-speech');
  await expect(toggle).toBeDisabled();
  await expect(toggle).toHaveText('Speech unavailable');
  await expect(toggle).toHaveAccessibleDescription(/no voice/);
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
});
