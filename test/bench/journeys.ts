/**
 * The six journeys driven by a scripted person with no think time, against
 * the real browser host (simulated lab, embedded central): wall time from
 * the first touch (the service tile) to the result screen, the touches it
 * took, and touch-to-next-paint (Event Timing) across the journey screens.
 */
import type { Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD, people, placeFingerWhenAsked, smsCode, startDemoKiosk } from '../e2e/journeyHelpers';
import type { DemoKiosk } from '../e2e/journeyHelpers';
import { launchChromium, percentile } from '../support/browser';
import type { BenchFigure } from './types';

interface Run {
  service: string;
  wallMs: number;
  touches: number;
}

/** Steps of the same journey as RULES.md describes the portal's own flow, for comparison. */
const portalSteps: Record<string, string> = {
  register: 'RULES.md web flow: 9 steps (ID, mobile, username, password, e-mail, language, terms, code, done)',
  activate: 'RULES.md kiosk flow: 8 steps (language, service, ID, fingerprint, terms, mobile, code, done)',
  signIn: 'RULES.md flow: 3 steps (login + password, code, services)',
  recoverPassword: 'RULES.md kiosk way: 4 steps (ID, fingerprint, code, new password); web way 5',
  recoverUsername: 'RULES.md: 2 steps (ID, fingerprint) then the username shown',
  updateMobile: 'RULES.md: 5 steps (ID, fingerprint, new mobile, code, done)',
};

class Person {
  touches = 0;
  /** Touches actually made on the page (typed text is filled in, but counted as the key touches it would take). */
  clicks = 0;
  constructor(readonly page: Page) {}
  async tap(target: Locator): Promise<void> {
    this.touches += 1;
    this.clicks += 1;
    await target.click();
  }
  async digits(text: string): Promise<void> {
    for (const d of text) await this.tap(this.page.getByTestId('keyboard').locator(`[data-skbtn="${d}"]`));
  }
  /** Typing on the on-screen keyboard: one touch per character (a capital costs the shift key too). */
  async type(field: string, text: string): Promise<void> {
    await this.tap(this.page.getByTestId(field));
    this.touches += [...text].reduce((n, c) => n + (/[A-Z]/.test(c) ? 2 : 1), 0);
    await this.page.getByTestId(field).fill(text);
  }
  async reach(step: string): Promise<void> {
    const screen = this.page.getByTestId('screen-journey');
    await screen.and(this.page.locator(`[data-step="${step}"][data-busy="false"]`)).waitFor({ timeout: 30_000 });
  }
}

async function observeInteractions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __interactions: Map<number, number> };
    w.__interactions = new Map();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
        if (!e.interactionId) continue;
        w.__interactions.set(e.interactionId, Math.max(w.__interactions.get(e.interactionId) ?? 0, e.duration));
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
}

const scripts: Record<string, (p: Person, kiosk: DemoKiosk) => Promise<void>> = {
  async register(p, kiosk) {
    const person = people.latifa;
    await p.digits(person.idNumber);
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('register.mobile');
    await p.digits(`0${person.mobile.slice(4)}`);
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('register.username');
    await p.type('username', 'Latifa2030x');
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('register.password');
    await p.type('new-password', 'Desert7Rose');
    await p.type('new-password-confirmation', 'Desert7Rose');
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('register.email');
    await p.type('email', 'person@example.sa');
    await p.type('email-confirmation', 'person@example.sa');
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('register.language');
    await p.tap(p.page.getByTestId('journey-language-ar'));
    await p.reach('register.terms');
    await p.tap(p.page.getByTestId('journey-accept-terms'));
    await p.reach('register.code.entry');
    await p.digits((await smsCode(kiosk, person.mobile)).code);
    await p.reach('register.registered');
  },
  async activate(p, kiosk) {
    const person = people.abeer;
    await p.digits(person.idNumber);
    await p.tap(p.page.getByTestId('journey-next'));
    // The finger goes down when the kiosk asks for it (a finger already on the glass is never taken).
    await placeFingerWhenAsked(p.page, kiosk, person.idNumber);
    await p.reach('activate.terms');
    await p.tap(p.page.getByTestId('journey-accept-terms'));
    await p.reach('activate.mobile');
    await p.tap(p.page.getByTestId('journey-confirm-activation'));
    await p.reach('activate.code.entry');
    await p.digits((await smsCode(kiosk, person.mobile)).code);
    await p.reach('activate.activated.finished');
  },
  async signIn(p, kiosk) {
    const person = people.faisal;
    await p.type('login', person.username);
    await p.type('password', DEMO_PASSWORD);
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('signIn.code.entry');
    await p.digits((await smsCode(kiosk, person.mobile)).code);
    await p.reach('signIn.signedIn');
  },
  async recoverPassword(p, kiosk) {
    const person = people.faisal;
    await p.digits(person.idNumber);
    await p.tap(p.page.getByTestId('journey-next'));
    // The finger goes down when the kiosk asks for it (a finger already on the glass is never taken).
    await placeFingerWhenAsked(p.page, kiosk, person.idNumber);
    await p.reach('recoverPassword.newPassword');
    await p.type('new-password', 'Oasis4Palm');
    await p.type('new-password-confirmation', 'Oasis4Palm');
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('recoverPassword.code.entry');
    await p.digits((await smsCode(kiosk, person.mobile)).code);
    await p.reach('recoverPassword.updated.finished');
  },
  async recoverUsername(p, kiosk) {
    const person = people.faisal;
    await p.digits(person.idNumber);
    await p.tap(p.page.getByTestId('journey-next'));
    // The finger goes down when the kiosk asks for it (a finger already on the glass is never taken).
    await placeFingerWhenAsked(p.page, kiosk, person.idNumber);
    await p.reach('recoverUsername.recovered.finished');
  },
  async updateMobile(p, kiosk) {
    const person = people.anita;
    await p.digits(person.idNumber);
    await p.tap(p.page.getByTestId('journey-next'));
    // The finger goes down when the kiosk asks for it (a finger already on the glass is never taken).
    await placeFingerWhenAsked(p.page, kiosk, person.idNumber);
    await p.reach('updateMobile.newMobile');
    await p.digits('0501234567');
    await p.tap(p.page.getByTestId('journey-next'));
    await p.reach('updateMobile.code.entry');
    await p.digits((await smsCode(kiosk, '+966501234567')).code);
    await p.reach('updateMobile.changed.finished');
  },
};

export default async function journeys(): Promise<BenchFigure[]> {
  const browser = await launchChromium();
  const runs: Run[] = [];
  const durations: number[] = [];
  let interactions = 0;
  try {
    for (const [service, script] of Object.entries(scripts)) {
      const kiosk = await startDemoKiosk();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
        await page.goto(kiosk.url);
        await page.waitForSelector('#app[data-ready="true"] [data-testid="screen-attract"]');
        await page.getByTestId('attract-language-ar').click();
        const tile = page.getByTestId(`service-${service}`);
        await tile.and(page.locator('[data-available="true"]')).waitFor({ timeout: 20_000 });
        await observeInteractions(page);
        const person = new Person(page);
        const started = performance.now();
        await person.tap(tile);
        await script(person, kiosk);
        runs.push({ service, wallMs: performance.now() - started, touches: person.touches });
        await page.waitForTimeout(300);
        durations.push(...(await page.evaluate(() => [...(window as unknown as { __interactions: Map<number, number> }).__interactions.values()])));
        interactions += person.clicks;
        await page.close();
      } finally {
        kiosk.process.kill('SIGTERM');
      }
    }
  } finally {
    await browser.close();
  }
  // Interactions under the observer's 16 ms floor are not reported: they count as 16 ms.
  const all = [...durations, ...Array.from({ length: Math.max(0, interactions - durations.length) }, () => 16)];
  return [
    ...runs.map((r): BenchFigure => ({
      name: `journey ${r.service}: first touch → result`,
      value: Math.round(r.wallMs),
      unit: 'ms',
      ...(r.service === 'activate' ? { budget: { max: 3000 } } : {}),
      note: r.service === 'activate' || r.service.startsWith('recover') || r.service === 'updateMobile' ? 'includes the paced fingerprint transfer and central’s 1:1 match' : 'scripted person, no think time',
    })),
    ...runs.map((r): BenchFigure => ({ name: `journey ${r.service}: touches`, value: r.touches, unit: 'touches', note: portalSteps[r.service] ?? '' })),
    { name: 'journey screens: touch-to-next-paint p95', value: Math.round(percentile(all, 95)), unit: 'ms', budget: { max: 50 }, note: `${interactions} real touches across the six journeys (Event Timing; typed text filled in, not measured)` },
  ];
}
