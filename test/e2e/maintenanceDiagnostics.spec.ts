import { centralCall, expect, labPost, liftFinger, people, placeFinger, readerBack, test } from './journeyHelpers';
import { look, openAttract, overlay, signIn } from './maintenanceHelpers';

/**
 * A technician's round at a government kiosk (issue 13), through the real
 * overlay and the demo core with its lab: technician card + PIN, the
 * diagnostics of every device, the network and the system, the retain bin
 * emptied, the readiness report, back in service — and central's fleet view
 * shows the report.
 */

const TARGETS = ['fingerprint', 'cardSlot', 'magstripe', 'printer', 'atm', 'network', 'system'] as const;

interface FleetKiosk {
  retainBin: { count: number };
  readiness: { overall: 'pass' | 'warn' | 'fail'; failed: string[]; warned: string[] } | null;
}

async function fleetKiosk(demo: Parameters<typeof centralCall>[0]): Promise<FleetKiosk | undefined> {
  const { body } = await centralCall(demo, 'GET', '/dev/fleet');
  return (body as { kiosks: FleetKiosk[] }).kiosks[0];
}

for (const language of ['ar', 'en'] as const) {
  test(`technician: every device diagnosed, the retain bin emptied, a readiness report, back in service (${language})`, async ({ page, demo }) => {
    test.setTimeout(240_000);
    await openAttract(page, demo);
    await signIn(page, demo, language);

    await page.getByTestId('maintenance-nav-diagnostics').click();
    for (const target of TARGETS) {
      await page.locator(`[data-target="${target}"]`).click();
      await expect(page.locator(`[data-target="${target}"]`)).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('.diag__body')).toHaveAttribute('aria-busy', 'false');
      if (target === 'atm') {
        // A government kiosk has no XFS4IoT services: the screen says so rather than showing empty checks.
        await expect(page.locator('.diag__absent')).toBeVisible();
      } else {
        await expect(page.locator('[data-check]').first()).toBeVisible();
        // The lab's devices are all there and well: no automatic check fails.
        await expect(page.locator('[data-check][data-result="fail"]')).toHaveCount(0);
      }
      await look(page, `diagnostics-${target}-${language}`);
    }

    // The retain bin: emptied (asked to confirm first), and its check reads empty again.
    await page.locator('[data-target="cardSlot"]').click();
    // Its checks drawn first: while they load the buttons below them move, and a tap then lands on what moved in.
    await expect(page.locator('.diag__body')).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('[data-check="cardSlot.retainBin"]')).toBeVisible();
    await page.locator('[data-action="cardSlot.binEmptied"]').click();
    await expect(page.getByTestId('diag-bin-confirm')).toBeVisible();
    await look(page, `diagnostics-bin-confirm-${language}`);
    await page.getByTestId('diag-bin-confirm').click();
    await expect(page.getByTestId('action-result')).toBeVisible();
    await expect(page.locator('[data-check="cardSlot.retainBin"]')).toHaveAttribute('data-result', 'pass');

    // The readiness report: every automatic check, one overall result, and central hears of it.
    await page.getByTestId('maintenance-nav-readiness').click();
    await page.locator('[data-run="screen"]').click();
    await expect(page.locator('[data-overall]')).toHaveAttribute('data-overall', /^(pass|warn)$/);
    await look(page, `readiness-report-${language}`);
    await expect.poll(async () => (await fleetKiosk(demo))?.readiness?.overall ?? null, { timeout: 20_000 }).toMatch(/^(pass|warn)$/);
    expect((await fleetKiosk(demo))?.readiness?.failed).toEqual([]);
    expect((await fleetKiosk(demo))?.retainBin.count).toBe(0);

    // Back in service, and out of maintenance: the public sees the attract screen again.
    await page.getByTestId('maintenance-nav-actions').click();
    await page.getByTestId('maintenance-action-outOfService').click();
    await expect(page.getByTestId('maintenance-service-state')).toHaveAttribute('data-state', 'outOfService');
    await page.getByTestId('maintenance-action-inService').click();
    await expect(page.getByTestId('maintenance-service-state')).toHaveAttribute('data-state', 'inService');
    await page.getByTestId('maintenance-sign-out').click();
    await expect(overlay(page)).toHaveCount(0);
    await expect(page.getByTestId('screen-attract')).toBeVisible();
  });
}

// ─── The test capture's live guidance (issue 13 review, branch `guidance`) ───

const CAPTURE_TEXT = {
  ar: { place: 'ضع إصبعك على جهاز البصمة', quality: /الجودة \d+ من 100/, unplugged: 'القارئ غير متصل: تحقق من الكابل والكهرباء.' },
  en: { place: 'Place your finger on the reader', quality: /Quality \d+ of 100/, unplugged: 'The reader is not connected: check its cable and power.' },
} as const;

for (const language of ['ar', 'en'] as const) {
  test(`technician: a test capture shows the reader's guidance, then the image; an unplugged reader says so, and Try again works (${language})`, async ({ page, demo }) => {
    test.setTimeout(180_000);
    const text = CAPTURE_TEXT[language];
    await openAttract(page, demo);
    await signIn(page, demo, language);
    await page.getByTestId('maintenance-nav-diagnostics').click();
    await expect(page.locator('[data-check="fingerprint.module"]')).toBeVisible();

    // The reader asks for a finger (the glass seen clear first), as it asks a citizen.
    await liftFinger(demo);
    await page.locator('[data-action="fingerprint.testCapture"]').click();
    const capture = page.getByTestId('test-capture');
    await expect(capture).toHaveAttribute('data-guidance', 'placeFinger', { timeout: 20_000 });
    await expect(capture.getByTestId('fingerprint-guidance')).toHaveText(text.place);
    await capture.scrollIntoViewIfNeeded();
    await look(page, `test-capture-guidance-${language}`);
    await placeFinger(demo, people.faisal.idNumber);
    // The image crosses the serial line at 57,600 baud: a few seconds.
    await expect(capture).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(capture.getByTestId('test-capture-quality')).toHaveText(text.quality);
    await expect(capture.locator('canvas')).toBeVisible();
    await capture.scrollIntoViewIfNeeded();
    await look(page, `test-capture-done-${language}`);
    await liftFinger(demo);

    // The reader unplugged: the reason in the technician's language, and Try again.
    expect((await labPost(demo, '/fault', { device: 'fingerprint', kind: 'unplug' })).status).toBe(200);
    await capture.getByTestId('test-capture-retry').click();
    await expect(capture).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(capture.getByTestId('test-capture-failed')).toHaveAttribute('data-failure', 'unplugged');
    await expect(capture.getByTestId('test-capture-failed')).toContainText(text.unplugged);
    await capture.scrollIntoViewIfNeeded();
    await look(page, `test-capture-failed-${language}`);

    // Plugged back in: Try again captures.
    expect((await labPost(demo, '/fault', { device: 'fingerprint', kind: 'replug' })).status).toBe(200);
    await readerBack(page);
    await capture.getByTestId('test-capture-retry').click();
    await expect(capture).toHaveAttribute('data-guidance', 'placeFinger');
    await placeFinger(demo, people.faisal.idNumber);
    await expect(capture).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  });
}
