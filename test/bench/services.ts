/**
 * The portal's services at the kiosk (issue 14): a signed-in person opens an
 * inquiry from the menu and reads its result, again and again, against the
 * real browser host (simulated lab, embedded central with the reference
 * data). Each round is timed in the page, from the tile's click event to
 * the frame that shows the result, beside its floor in the same run: a click
 * to the next painted frame on a minimal page in the same browser plus the
 * inquiry's own round trip to central (timed inside the host by the undici
 * probe). Timed from the test's side instead (Playwright's click and wait,
 * and its clicks on the minimal page), the ratio read 1.34–1.38 quiet and
 * 1.12–1.28 beside stress-ng over three pairs: under load the floor grew by
 * 10–32 ms and the figure by 0–21, the tool's own round trips weighing on the
 * two differently. Touch-to-next-paint of every tap on the service screens
 * (tile, close) is set beside the same taps on the minimal page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, people, smsCode, startDemoKiosk } from '../e2e/journeyHelpers';
import { launchChromium } from '../support/browser';
import { centralCalls, withProbe } from './support/centralCalls';
import { MINIMAL_PAGE, installPaintProbe, paintTimings, touchFloor } from './support/pages';
import { compare, median, percentile } from './support/stats';
import type { BenchFigure } from './types';

/** Inquiries with results for the demo's Faisal, answered from three different registry tables. */
const INQUIRIES = ['trafficViolations', 'visaStatus', 'nationalIdValidity'] as const;
/**
 * 48 rounds of three (288 taps on the service screens). With 12, their touch p95 (72 taps: the 4th slowest) read 1.07
 * quiet and 1.23 beside stress-ng; with 24 (144 taps) 1.31 → 1.21, 1.17 → 1.17 and 1.27 → 1.04 in three pairs: a p95
 * just above one frame (18–20 ms against the minimal page's 15–17), and the 8th slowest of 144 one frame more or less.
 */
const ROUNDS = 48;

async function signIn(page: Page, kiosk: Awaited<ReturnType<typeof startDemoKiosk>>): Promise<void> {
  const person = people.faisal;
  await page.goto(kiosk.url);
  await page.waitForSelector('#app[data-ready="true"] [data-testid="screen-attract"]');
  await page.getByTestId('attract-language-ar').click();
  await page.getByTestId('service-signIn').and(page.locator('[data-available="true"]')).click({ timeout: 20_000 });
  const at = (step: string) => page.getByTestId('screen-journey').and(page.locator(`[data-step="${step}"][data-busy="false"]`)).waitFor({ timeout: 30_000 });
  await at('signIn.credentials');
  await page.getByTestId('login').fill(person.username);
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('journey-next').click();
  await at('signIn.code.entry');
  const { code } = await smsCode(kiosk, person.mobile);
  for (const digit of code) await page.getByTestId('keyboard').locator(`[data-skbtn="${digit}"]`).click();
  await page.getByTestId('signed-in-home').waitFor({ timeout: 30_000 });
}

/**
 * Times each click on one of `tiles` in the page: from its event's timestamp to just after the frame in which the
 * service screen shows its result is painted (a task posted from that animation frame, as installPaintProbe's).
 */
async function installResultProbe(page: Page, tiles: readonly string[]): Promise<void> {
  // A string, not a function: the bench's loader names inner functions with a helper the page does not have.
  await page.evaluate(`(() => {
    const testIds = ${JSON.stringify(tiles)};
    window.__results = [];
    addEventListener('click', (event) => {
      const tile = event.target instanceof Element ? event.target.closest('[data-testid]') : null;
      if (!tile || !testIds.includes(tile.getAttribute('data-testid'))) return;
      const at = event.timeStamp;
      requestAnimationFrame(function frame() {
        if (!document.querySelector('[data-testid="service-screen"][data-step="result"]')) return requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__results.push(performance.now() - at);
        channel.port2.postMessage(0);
      });
    }, { capture: true });
  })()`);
}

export default async function services(): Promise<BenchFigure[]> {
  const browser = await launchChromium();
  const dir = await mkdtemp(join(tmpdir(), 'bench-services-'));
  const probe = join(dir, 'probe.log');
  const kiosk = await withProbe(probe, () => startDemoKiosk());
  const wall: number[] = [];
  const floor: number[] = [];
  const paints: number[] = [];
  const minimalPaints: number[] = [];
  try {
    const minimal = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    await minimal.setContent(MINIMAL_PAGE);
    await installPaintProbe(minimal);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    await signIn(page, kiosk);
    await installPaintProbe(page);
    await installResultProbe(page, INQUIRIES.map((service) => `service-${service}`));
    let clicks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const service of INQUIRIES) {
        // The floor of this round, measured just before it, so both see the same load.
        const taps = await touchFloor(minimal);
        minimalPaints.push(...taps.paints);
        const tile = page.getByTestId(`service-${service}`);
        await tile.and(page.locator('[data-available="true"]')).waitFor({ timeout: 20_000 });
        const callsBefore = centralCalls(probe, kiosk.centralUrl).length;
        await tile.click();
        await page.getByTestId('service-screen').and(page.locator('[data-step="result"]')).waitFor({ timeout: 20_000 });
        const timed = wall.length + 1;
        await page.waitForFunction((n) => (window as unknown as { __results: number[] }).__results.length >= n, timed);
        wall.push(await page.evaluate((n) => (window as unknown as { __results: number[] }).__results[n - 1]!, timed));
        const calls = centralCalls(probe, kiosk.centralUrl).slice(callsBefore);
        floor.push(median(taps.paints) + calls.reduce((sum, ms) => sum + ms, 0));
        await page.getByTestId('service-close').click();
        await page.getByTestId('signed-in-home').waitFor();
        clicks += 2;
      }
    }
    paints.push(...(await paintTimings(page, clicks)).slice(-clicks));
  } finally {
    kiosk.process.kill('SIGTERM');
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
  return [
    compare(
      { subject: wall, baseline: floor },
      {
        // The median inquiry against the median floor (the p95 of 24 was the second slowest, and one slow round moved
        // the ratio 1.5× between a quiet run and a loaded one; the p95 issue 14 asks for is in the note). Not the median
        // of each inquiry's own ratio: beside stress-ng one inquiry's floor ran 19–83 ms, and that median read 1.25 and
        // 1.36 in two loaded runs where the medians' ratio read 1.41 both times (1.44–1.46 quiet).
        overall: { subject: median(wall), baseline: median(floor) },
        name: 'services: signed-in menu → inquiry result on screen',
        unit: 'ms',
        baselineName: 'its floor: a click to the next painted frame on a minimal page (median of 12, just before each) + the inquiry’s central round trip',
        budget: { max: 2.5 },
        note: `${wall.length} inquiries (${INQUIRIES.join(', ')}), timed in the page from the tile's click event to the result's painted frame, the median against the median floor; p95 ${Math.round(percentile(wall, 95))} ms (floor ${Math.round(percentile(floor, 95))} ms); issue 14 asks p95 ≤ 500 ms on this machine`,
        digits: 0,
      },
    ),
    compare(
      { subject: [percentile(paints, 95)], baseline: [percentile(minimalPaints, 95)] },
      {
        name: 'service screens: touch-to-next-paint p95',
        unit: 'ms',
        baselineName: 'taps on a minimal page in the same browser, between the inquiries',
        budget: { max: 3 },
        note: `${paints.length} taps (tile, close); issue 14 asks ≤ 50 ms`,
        digits: 1,
      },
    ),
  ];
}
