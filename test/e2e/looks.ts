import { appendFileSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;

/**
 * One look at each screen per run. A look (axe, truncation, touch targets, a screenshot) is named by the screenshot it
 * keeps, and the name says what is on screen: the journey step or screen, the language, the variant
 * (`journey-activate-code-entry-en-hc-large`). Many journeys pass the same screens (the card slot, the finger, the
 * code), so the same look came up in several tests of one run — each repeat checking the same screen again and writing
 * the same image over the last. The first test to reach a screen claims its name (a file created exclusively, so two
 * workers cannot both claim it) and looks; a later one skips that look. `KIOSK_E2E_EVERY_LOOK=1` looks every time.
 * The claims are cleared at the start of each run (globalSetup).
 */
const claimsDir = `${root}test-results/looks/`;

/** Every look's name, time and whether it was the first (`look`) or a repeat (`again`: skipped unless every look is asked for). */
const lookLog = `${root}test-results/looks.tsv`;

const everyLook = process.env.KIOSK_E2E_EVERY_LOOK === '1';

/** Clears the claims of the last run (Playwright's globalSetup). */
export function clearLookClaims(): void {
  rmSync(claimsDir, { recursive: true, force: true });
  rmSync(lookLog, { force: true });
  mkdirSync(claimsDir, { recursive: true });
}

/** Whether this test is the first of the run to look at the screen named `name` (and now holds it). */
function claimLook(name: string): boolean {
  mkdirSync(claimsDir, { recursive: true });
  try {
    closeSync(openSync(`${claimsDir}${name}`, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Whether any of `names` is still to be looked at in this run (every one, with KIOSK_E2E_EVERY_LOOK=1). */
export function anyUnclaimed(names: readonly string[]): boolean {
  return everyLook || names.some((name) => !claimedAlready(name));
}

function claimedAlready(name: string): boolean {
  try {
    closeSync(openSync(`${claimsDir}${name}`, 'r'));
    return true;
  } catch {
    return false;
  }
}

/** Runs `check` for the screen `name` unless another test of the run has looked at it; logs the time either way. */
export async function lookOnce(name: string, check: () => Promise<void>): Promise<void> {
  const first = claimLook(name);
  if (!first && !everyLook) {
    appendFileSync(lookLog, `${name}\tagain\t0\n`);
    return;
  }
  const started = performance.now();
  await check();
  appendFileSync(lookLog, `${name}\t${first ? 'look' : 'again'}\t${Math.round(performance.now() - started)}\n`);
}
