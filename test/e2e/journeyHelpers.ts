import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { Page } from '@playwright/test';
import { test as base, e2eDemo, expect, keepScreenshot, openAccessibility, pageScrolls, patientTimings, seriousAxeViolations, transitionsSettled } from './fixtures';
import { hostFixtureTimeout, startHost } from './demoHost';
import { anyUnclaimed, lookOnce } from './looks';

/**
 * The journeys against the real browser host in demo mode. The host prints
 * where its simulated lab and embedded central listen (`Lab control:`,
 * `Central:`, `Central CA:`, then `Kiosk UI:`); the specs drive the lab (a
 * card, a finger, a fault) and read SMS codes from central's demo outbox,
 * as a person and a demo operator would, while the page is driven by touch.
 */

export { expect };
export type Language = 'ar' | 'en';
export const DEMO_PASSWORD = 'Kiosk2030demo';

const root = new URL('../..', import.meta.url).pathname;
const stepsDir = `${root}test-results/e2e-steps/`;

/** The README's fixed people (central/README.md), and a few more of the same seed waiting for activation. */
export const people = {
  faisal: { idNumber: '1000000008', username: 'Faisal1042', mobile: '+966548986580', nameAr: 'فيصل', nameEn: 'Faisal', answer: 'Taif' },
  latifa: { idNumber: '1225028834', mobile: '+966564253700', nameAr: 'لطيفة', nameEn: 'Latifa' },
  abeer: { idNumber: '1584094989', username: 'Abeer1539', mobile: '+966559287829', nameAr: 'عبير', nameEn: 'Abeer' },
  mohammed: { idNumber: '1151487574', username: 'Mohammed3434', mobile: '+966546221794', nameAr: 'محمد', nameEn: 'Mohammed' },
  anita: { idNumber: '2991854098', username: 'Anita6506', mobile: '+966565479980', nameAr: 'أنيتا', nameEn: 'Anita', answer: 'Hamad' },
  rajesh: { idNumber: '2727704427', mobile: '+966593183702', nameAr: 'راجيش', nameEn: 'Rajesh' },
  rajeshResident: { idNumber: '2290297585', username: 'Rajesh3496', mobile: '+966590469204', nameAr: 'راجيش', nameEn: 'Rajesh' },
  bandar: { idNumber: '1066443019', nameAr: 'بندر', nameEn: 'Bandar' },
  rafiq: { idNumber: '2024169852', nameAr: 'رفيق', nameEn: 'Rafiq' },
} as const;
export type Person = (typeof people)[keyof typeof people];

export interface DemoKiosk {
  url: string;
  labUrl: string;
  centralUrl: string;
  centralCa: string;
  process: ChildProcess;
  stderr: string[];
}

/** Starts `out/host/index.js` in demo mode and reads the four addresses it prints. */
export async function startDemoKiosk(config: object = {}): Promise<DemoKiosk> {
  const { process: child, lines, stderr } = await startHost(JSON.stringify({ session: patientTimings, log: { level: process.env.KIOSK_E2E_LOG_LEVEL ?? 'warn' }, ...e2eDemo, ...config }));
  const found: Record<string, string> = {};
  for (const line of lines) {
    const match = /^(Lab control|Central|Central CA|Kiosk UI): (\S+)$/.exec(line);
    if (match?.[1] && match[2]) found[match[1]] = match[2];
  }
  const need = (key: string) => {
    const value = found[key];
    if (!value) throw new Error(`the demo host did not print "${key}:"`);
    return value;
  };
  return { url: need('Kiosk UI'), labUrl: need('Lab control'), centralUrl: need('Central'), centralCa: need('Central CA'), process: child, stderr };
}

/** One demo kiosk per test: a fresh central (seeded population) and a fresh lab. */
export const test = base.extend<{ demo: DemoKiosk }>({
  demo: [
    async ({}, use, testInfo) => {
    const kiosk = await startDemoKiosk();
    const exited: { code: number | null; signal: NodeJS.Signals | null }[] = [];
    kiosk.process.once('exit', (code, signal) => exited.push({ code, signal }));
    await use(kiosk);
    // A failed spec says what the host said (warnings and worse) and whether it was still running.
    if (testInfo.status !== testInfo.expectedStatus) {
      const said = `${exited[0] ? `the demo host had exited (${JSON.stringify(exited[0])})\n` : ''}${kiosk.stderr.join('').slice(-20_000)}`;
      await testInfo.attach('demo-host-stderr', { body: said, contentType: 'text/plain' });
      console.error(`demo host stderr (last part):\n${said.slice(-4_000)}`);
    }
    kiosk.process.kill('SIGTERM');
    },
    { timeout: hostFixtureTimeout },
  ],
});

// ───── the lab and central, from Node ─────

export async function labPost(kiosk: DemoKiosk, path: string, body: object = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${kiosk.labUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

interface LabState {
  cardSlot: { card?: { id: string; at: string } | null; retainedCards: string[] };
  fingerprint: { finger?: unknown };
}

export async function labState(kiosk: DemoKiosk): Promise<LabState> {
  return (await (await fetch(`${kiosk.labUrl}/state`)).json()) as LabState;
}

/** The kiosk's own view of a device, as the renderer got it from the core (undefined before the first snapshot). */
export const kioskDeviceStatus = (page: Page, device: 'cardSlot' | 'fingerprint'): Promise<string | undefined> =>
  page.evaluate((d) => (window.__kioskDebug?.storeState().session as { snapshot?: { devices?: Record<string, string> } } | undefined)?.snapshot?.devices?.[d], device);

/**
 * After a replug the driver reopens the line with backoff (up to its cap) and checks the module: waits for the kiosk
 * to report the reader back, however long that takes on this machine, so the one tap that follows is the person's
 * first try with a working reader (not a tap per tick of the clock).
 */
export async function readerBack(page: Page): Promise<void> {
  await expect.poll(() => kioskDeviceStatus(page, 'fingerprint'), { timeout: 60_000, intervals: [250, 500, 1_000] }).toBe('online');
}

const fingersCache = new Map<string, string>();
/** Puts this person's first enrolled finger on the reader's glass. */
export async function placeFinger(kiosk: DemoKiosk, idNumber: string): Promise<void> {
  let finger = fingersCache.get(idNumber);
  if (!finger) {
    const { people: all } = (await (await fetch(`${kiosk.labUrl}/people`)).json()) as { people: { idNumber: string; fingers: string[] }[] };
    for (const p of all) if (p.fingers[0]) fingersCache.set(p.idNumber, p.fingers[0]);
    finger = fingersCache.get(idNumber) ?? 'right-index';
  }
  const placed = await labPost(kiosk, '/fingerprint/place', { person: idNumber, finger });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
}

export async function liftFinger(kiosk: DemoKiosk): Promise<void> {
  await labPost(kiosk, '/fingerprint/lift');
}

/**
 * As a person does it: whatever is on the glass is lifted, and the finger goes
 * down once the kiosk asks for it ("place your finger", shown only once the
 * reader has seen the glass clear). A finger already resting there when a
 * capture starts is never imaged (issue 11), so placing it early would wait
 * for it to be lifted. `asked` waits for the prompt (the bench's scripted
 * person looks at every frame instead of Playwright's polling).
 */
export async function placeFingerWhenAsked(
  page: Page,
  kiosk: DemoKiosk,
  idNumber: string,
  asked: () => Promise<void> = () => expect(page.getByTestId('fingerprint-panel'), 'the kiosk asks for a finger').toHaveAttribute('data-guidance', 'placeFinger', { timeout: 30_000 }),
): Promise<void> {
  await liftFinger(kiosk);
  await asked();
  await placeFinger(kiosk, idNumber);
}

/** Inserts the person's ID card as soon as the kiosk opens the shutter. */
export async function insertCard(kiosk: DemoKiosk, cardId: string): Promise<void> {
  await expect
    .poll(async () => (await labPost(kiosk, '/card/insert', { card: cardId })).status, { timeout: 10_000, intervals: [100] })
    .toBe(200);
}

export async function takeCard(kiosk: DemoKiosk): Promise<void> {
  await expect.poll(async () => (await labState(kiosk)).cardSlot.card?.at, { timeout: 10_000, intervals: [100] }).toBe('gate');
  expect((await labPost(kiosk, '/card/take')).status).toBe(200);
}

export const cardOf = (idNumber: string) => `${idNumber.startsWith('2') ? 'iqama' : 'nationalId'}-${idNumber}`;

/** A demo route of the embedded central, trusting its own CA. */
export function centralCall(kiosk: DemoKiosk, method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, kiosk.centralUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method, ca: readFileSync(kiosk.centralCa), headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** The newest code central's SMS outbox sent to this mobile (demo `GET /dev/sms`); waits for one newer than `after`. */
export async function smsCode(kiosk: DemoKiosk, mobile: string, after = 0): Promise<{ code: string; id: number }> {
  let found: { code: string; id: number } | null = null;
  await expect
    .poll(
      async () => {
        const { body } = await centralCall(kiosk, 'GET', `/dev/sms?mobile=${encodeURIComponent(mobile)}&limit=5`);
        const latest = (body as { messages: { id: number; code: string | null }[] }).messages.find((m) => m.code !== null && m.id > after);
        found = latest?.code ? { code: latest.code, id: latest.id } : null;
        return found !== null;
      },
      { timeout: 10_000, intervals: [100, 200] },
    )
    .toBe(true);
  return found!;
}

export async function centralFault(kiosk: DemoKiosk, mode: 'none' | 'down' | 'rateLimited'): Promise<void> {
  expect((await centralCall(kiosk, 'POST', '/dev/faults', { mode })).status).toBe(200);
}

/** Central's fault switch in `slow` mode: every /v1 request is held `delayMs` first, so a working screen stays up long enough to be seen. */
export async function centralSlow(kiosk: DemoKiosk, delayMs: number): Promise<void> {
  expect((await centralCall(kiosk, 'POST', '/dev/faults', { mode: 'slow', delayMs })).status).toBe(200);
}

/** Waits until central's slow fault is holding a call to this route (demo `GET /dev/faults`): the call is on its way, not yet answered. */
export async function centralHolds(kiosk: DemoKiosk, route: string): Promise<void> {
  await expect
    .poll(async () => ((await centralCall(kiosk, 'GET', '/dev/faults')).body as { held: string[] }).held, { message: `central holds a call to ${route}`, intervals: [50, 100, 200] })
    .toContain(route);
}

/** What central's SMS outbox sent to this mobile, newest first (demo `GET /dev/sms`). */
export async function smsMessages(kiosk: DemoKiosk, mobile: string, limit = 50): Promise<{ id: number; text: string; code: string | null }[]> {
  const { body } = await centralCall(kiosk, 'GET', `/dev/sms?mobile=${encodeURIComponent(mobile)}&limit=${limit}`);
  return (body as { messages: { id: number; text: string; code: string | null }[] }).messages;
}

/**
 * Moves central's domain clock forward (demo `POST /dev/clock`, at most a day
 * a call): codes, locks and sessions on central age; the kiosk's own clock
 * does not move. Answers central's clock offset after the move.
 */
export async function advanceCentralClock(kiosk: DemoKiosk, ms: number): Promise<number> {
  const { status, body } = await centralCall(kiosk, 'POST', '/dev/clock', { advanceMs: ms });
  expect(status, JSON.stringify(body)).toBe(200);
  return (body as { offsetMs: number }).offsetMs;
}

/**
 * The demo operator's "skip ahead" in the dev dock: the kiosk's clock and the
 * embedded central's move on `minutes` together, as if the person had waited
 * that long (a resend wait, a code's life), so no spec waits out real time.
 */
export async function skipAhead(page: Page, minutes: 1 | 5): Promise<void> {
  await page.getByTestId('dev-dock-open').click();
  await page.getByTestId(`dev-dock-skip-${minutes}`).click();
  await expect(page.getByTestId('dev-dock-notice')).toHaveAttribute('data-tone', 'done');
  await page.getByTestId('dev-dock-close').click();
  await expect(page.getByTestId('dev-dock-panel')).toHaveCount(0);
}

// ───── the page ─────

/** Every `data-step` the journey screen shows is noted in the page (even one drawn for a frame). */
export async function recordSteps(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __stepsSeen: string[] }).__stepsSeen = seen;
    const note = () => {
      // The government journeys' screen, or the ATM's (whose `idle` is no journey step: the coverage spec skips it).
      const step = document.querySelector('[data-testid="screen-journey"], [data-testid="screen-atm"]')?.getAttribute('data-step');
      if (step && seen[seen.length - 1] !== step) seen.push(step);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
  });
}

/** Writes the steps this test saw, for the coverage spec (zzJourneyCoverage.spec.ts). */
export async function saveSteps(page: Page, name: string): Promise<string[]> {
  const steps = await page.evaluate(() => (window as unknown as { __stepsSeen?: string[] }).__stepsSeen ?? []);
  mkdirSync(stepsDir, { recursive: true });
  writeFileSync(`${stepsDir}${name.replace(/[^A-Za-z0-9-]+/g, '_')}.json`, JSON.stringify(steps));
  return steps;
}

export async function openKiosk(page: Page, kiosk: DemoKiosk, language: Language): Promise<void> {
  await recordSteps(page);
  await page.goto(kiosk.url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId(`attract-language-${language}`).click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
}

export async function startService(page: Page, service: string): Promise<void> {
  await expect(page.getByTestId(`service-${service}`)).toHaveAttribute('data-available', 'true', { timeout: 15_000 });
  await page.getByTestId(`service-${service}`).click();
  await expect(page.getByTestId('screen-journey')).toBeVisible();
}

/** Waits until the journey shows `step` and is ready for input. */
export async function reach(page: Page, step: string, timeout = 15_000): Promise<void> {
  const screen = page.getByTestId('screen-journey');
  await expect(screen, `waiting for ${step}`).toHaveAttribute('data-step', step, { timeout });
  await expect(screen).toHaveAttribute('data-busy', 'false', { timeout });
}

/** Taps digits on the on-screen keypad. */
export async function tapDigits(page: Page, digits: string): Promise<void> {
  const keys = page.getByTestId('keyboard');
  for (const digit of digits) await keys.locator(`[data-skbtn="${digit}"]`).click();
}

/** Types on the on-screen (English) keyboard key by key, as a finger would: Shift (one-shot) before each capital. */
export async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  const keys = page.getByTestId('keyboard');
  for (const char of text) {
    if (/[A-Z]/.test(char)) await keys.locator('[data-skbtn="{shift}"]').click();
    await keys.locator(`[data-skbtn="${char}"]`).click();
  }
}

export async function submitId(page: Page, idNumber: string): Promise<void> {
  await tapDigits(page, idNumber);
  await page.getByTestId('journey-next').click();
}

export async function enterCode(page: Page, kiosk: DemoKiosk, mobile: string, after = 0): Promise<number> {
  const { code, id } = await smsCode(kiosk, mobile, after);
  await tapDigits(page, code);
  return id;
}

/** Sign in with username, the demo password and the SMS code, from the attract screen up to the signed-in home. */
export async function signInByPassword(page: Page, demo: DemoKiosk, language: Language, person: { username: string; mobile: string }): Promise<void> {
  await openKiosk(page, demo, language);
  await startService(page, 'signIn');
  await reach(page, 'signIn.credentials');
  await page.getByTestId('login').fill(person.username);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await reach(page, 'signIn.code.entry');
  await enterCode(page, demo, person.mobile);
  await reach(page, 'signIn.signedIn');
}

/** Activation by typed ID and fingerprint, from the attract screen up to its result screen. */
export async function activateToResult(page: Page, demo: DemoKiosk, language: Language, person: Person & { mobile: string }): Promise<void> {
  await openKiosk(page, demo, language);
  await startService(page, 'activate');
  await reach(page, 'activate.id');
  await submitId(page, person.idNumber);
  await placeFingerWhenAsked(page, demo, person.idNumber);
  await reach(page, 'activate.terms');
  await page.getByTestId('journey-accept-terms').click();
  await reach(page, 'activate.mobile');
  await page.getByTestId('journey-confirm-activation').click();
  await reach(page, 'activate.code.entry');
  await enterCode(page, demo, person.mobile);
  await reach(page, 'activate.activated.finished');
}

/** Ends the session from a result and checks that nothing of the person is left on the page or in the stores. */
export async function finishAndCheckWiped(page: Page, traces: readonly string[]): Promise<void> {
  if (await page.getByTestId('journey-end-session').isVisible()) await page.getByTestId('journey-end-session').click();
  else {
    await page.getByTestId('nav-home').click();
    await page.getByTestId('end-session-confirm').click();
  }
  await expectNothingOfThePerson(page, traces);
}

export async function expectNothingOfThePerson(page: Page, traces: readonly string[]): Promise<void> {
  await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 15_000 });
  const html = await page.content();
  const stores = JSON.stringify(await page.evaluate(() => window.__kioskDebug?.storeState()));
  expect(stores).toContain('"session"');
  for (const trace of traces) {
    expect(html, `page still shows ${trace}`).not.toContain(trace);
    expect(stores, `stores still hold ${trace}`).not.toContain(trace);
  }
  expect(stores).toContain('"journey":null');
}

/** What identifies a person, in every form a screen might hold it. */
export function tracesOf(person: { idNumber?: string; username?: string; mobile?: string; nameAr?: string; nameEn?: string }): string[] {
  const local = person.mobile ? `0${person.mobile.slice(4)}` : undefined;
  return [person.idNumber, person.username, person.mobile, local, person.nameAr, person.nameEn, person.idNumber?.slice(-4) && `******${person.idNumber.slice(-4)}`].filter(
    (t): t is string => typeof t === 'string' && t.length > 0,
  );
}

// ───── looking at each screen ─────

/** Text that needs more room than its box has, or a page that scrolls sideways (as kioskAccessibility.spec.ts checks). */
export function findTruncatedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!el.checkVisibility() || el.closest('[data-dev-dock], .visually-hidden')) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      const style = getComputedStyle(el);
      if (!hasText || style.display === 'inline') continue;
      const clipsHeight = style.overflowY !== 'visible';
      if (el.scrollWidth > el.clientWidth + 1 || (clipsHeight && el.scrollHeight > el.clientHeight + 1)) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
    return problems;
  });
}

/** Controls under 44×44 px or closer than 8 px to a neighbour (the dev dock is the demo operator's, not the person's). */
export function findSmallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, a[href], [role="button"]')].filter((el) => el.checkVisibility() && !el.closest('[data-dev-dock]'));
    const name = (el: HTMLElement) => el.dataset.testid ?? el.getAttribute('data-skbtn') ?? (el.textContent ?? '').trim().slice(0, 30);
    const rects = controls.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (const { el, r } of rects) if (r.width < 43.5 || r.height < 43.5) problems.push(`${name(el)} is ${Math.round(r.width)}×${Math.round(r.height)}`);
    for (let i = 0; i < rects.length; i += 1) {
      for (let j = i + 1; j < rects.length; j += 1) {
        const a = rects[i]!;
        const b = rects[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.max(0, b.r.left - a.r.right, a.r.left - b.r.right);
        const dy = Math.max(0, b.r.top - a.r.bottom, a.r.top - b.r.bottom);
        const overlap = Math.min(a.r.right, b.r.right) > Math.max(a.r.left, b.r.left) && Math.min(a.r.bottom, b.r.bottom) > Math.max(a.r.top, b.r.top);
        if (!overlap && Math.hypot(dx, dy) < 7.5) problems.push(`${name(a.el)} and ${name(b.el)} are ${Math.round(Math.hypot(dx, dy))} px apart`);
      }
    }
    return problems;
  });
}

/** What one look at a screen may take on a busy machine (three looks a step): each look adds it to the test's budget. */
const lookBudgetMs = 20_000;

async function checkScreen(page: Page, where: string, file: string): Promise<void> {
  await lookOnce(file, async () => {
    // The budget follows the work: a spec that looks at more screens gets more time, whatever its fixed timeout says.
    base.info().setTimeout(base.info().timeout + lookBudgetMs);
    await page.mouse.move(0, 0);
    await transitionsSettled(page);
    expect.soft(await seriousAxeViolations(page, { exclude: '[data-dev-dock]' }), `axe, ${where}`).toEqual([]);
    expect.soft(await findTruncatedText(page), `truncation, ${where}`).toEqual([]);
    expect.soft(await findSmallTargets(page), `touch targets, ${where}`).toEqual([]);
    // The whole page only when it scrolls: a full-page capture re-lays the page out at its full height, which costs.
    await keepScreenshot(page, file, { fullPage: await pageScrolls(page), animations: 'disabled' });
  });
}

async function switchLanguage(page: Page, to: Language): Promise<void> {
  await page.getByTestId('toggle-language').click();
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

async function setLookAndFeel(page: Page, on: boolean): Promise<void> {
  for (const [toggle, cls] of [
    ['toggle-contrast', 'theme-high-contrast'],
    ['toggle-large-text', 'text-large'],
  ] as const) {
    const html = page.locator('html');
    const has = ((await html.getAttribute('class')) ?? '').split(/\s+/).includes(cls);
    if (has !== on) {
      await openAccessibility(page);
      await page.getByTestId(toggle).click();
    }
    await expect(html).toHaveClass(on ? new RegExp(`\\b${cls}\\b`) : new RegExp(`^(?!.*\\b${cls}\\b)`));
  }
}

/**
 * The screen as it is now, as every person could see it: in the language it
 * is in, in the other language (the top bar's toggle, mid-journey), and in
 * the other language again with high contrast and large text (RULES.md: no
 * truncation in either language at either size). Each time axe finds nothing
 * serious, no text is cut off, touch targets are big and apart, and a
 * full-page screenshot is kept: `journey-<service>-<state path>-<lang><suffix>.png`,
 * `…-<other lang><suffix>.png` and `…-<other lang><suffix>-hc-large.png`.
 * Then the screen goes back to how the person left it. Problems are soft
 * failures so one run lists them all. Each look once a run (looks.ts).
 */
export async function lookAtStep(page: Page, language: Language, suffix = ''): Promise<void> {
  const screen = page.getByTestId('screen-journey');
  const step = await screen.getAttribute('data-step');
  if (!step) throw new Error('no journey on screen');
  const [service, ...path] = step.split('.');
  const file = (lang: Language, extra = '') => `journey-${service}-${path.join('-')}-${lang}${suffix}${extra}`;
  const other: Language = language === 'ar' ? 'en' : 'ar';
  // A screen this run has looked at in all three ways (another test passed it) is not looked at again (looks.ts).
  if (!anyUnclaimed([file(language), file(other), file(other, '-hc-large')])) return;
  await checkScreen(page, `${step} (${language}${suffix})`, file(language));
  await switchLanguage(page, other);
  await expect(screen, 'a language change keeps the journey where it was').toHaveAttribute('data-step', step);
  await checkScreen(page, `${step} (${other}${suffix})`, file(other));
  await setLookAndFeel(page, true);
  await checkScreen(page, `${step} (${other}${suffix}, high contrast + large text)`, file(other, '-hc-large'));
  await setLookAndFeel(page, false);
  await switchLanguage(page, language);
  await expect(screen).toHaveAttribute('data-step', step);
}
