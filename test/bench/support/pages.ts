/**
 * Baselines in the browser: the renderer's built files from a bare node server (cold start), and
 * minimal pages doing the same interactions as the kiosk's (touch-to-next-paint), with one way to time a touch on
 * both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { median } from './stats';

const root = new URL('../../..', import.meta.url).pathname;

/** Starts the bare static server of the files in `dir`; resolves with its URL once it listens. */
export async function startStaticServer(dir: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'test/bench/support/staticServer.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`static server exited ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Static page: (\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { url, process: child };
}

/** Two screens swapped by a tap, as the kiosk's menu does (help ↔ services), with a keyboard to type on. */
export const MINIMAL_PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
button{font:24px sans-serif;min-width:72px;min-height:72px;margin:4px} section{padding:16px} [hidden]{display:none}
</style></head><body>
<section id="services"><h1>Services</h1><button id="to-help">Help</button><input id="search"><div id="keys"></div></section>
<section id="help" hidden><h1>Help</h1><p>Help text.</p><button id="back">Back</button></section>
<script>
const show = (id) => { for (const s of document.querySelectorAll('section')) s.hidden = s.id !== id; };
document.getElementById('to-help').onclick = () => show('help');
document.getElementById('back').onclick = () => show('services');
const keys = document.getElementById('keys');
for (const c of 'qwertyuiopasdfghjklz') { const b = document.createElement('button'); b.textContent = c; b.className = 'key';
  b.onclick = () => { document.getElementById('search').value += c; }; keys.append(b); }
</script></body></html>`;

/**
 * The kiosk's own two screens as static copies, for the menu's baseline: the page's stylesheets and `<html>`
 * attributes, and the whole `#app` as it stood on each screen in a `<template>`; a click on the help or back button
 * puts a fresh clone of the other in place. The browser builds, styles, lays out and paints the same DOM the kiosk
 * does, with none of the kiosk's JavaScript (Vue, the stores, the WebSocket): against this, the ratio is the code's
 * share, and load on the machine weighs on both alike.
 */
export function staticScreensPage(copy: { html: string; head: string; screens: Record<'services' | 'help', string> }): string {
  const template = (name: string, body: string) => `<template id="screen-copy-${name}">${body}</template>`;
  return `<!doctype html><html ${copy.html}><head><meta charset="utf-8">${copy.head}</head><body>
<div id="app">${copy.screens.services}</div>${template('services', copy.screens.services)}${template('help', copy.screens.help)}
<script>
const app = document.getElementById('app');
const show = (name) => app.replaceChildren(document.getElementById('screen-copy-' + name).content.cloneNode(true));
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-testid="nav-help"], [data-testid="nav-back"]');
  if (button) show(button.dataset.testid === 'nav-help' ? 'help' : 'services');
});
</script></body></html>`;
}

/** What `staticScreensPage` copies from the kiosk's page, on the screen it is on now. */
export async function copyScreen(page: Page): Promise<{ html: string; head: string; app: string }> {
  return page.evaluate(() => ({
    html: [...document.documentElement.attributes].map((a) => `${a.name}="${a.value.replaceAll('"', '&quot;')}"`).join(' '),
    head: [...document.querySelectorAll('link[rel="stylesheet"], style')].map((e) => e.outerHTML).join(''),
    app: document.getElementById('app')?.innerHTML ?? '',
  }));
}

/**
 * Times every click from its event's timestamp to just after the next frame is painted (a task posted from the
 * next animation frame), on any page. The same probe on the kiosk and on the minimal page, so the ratio compares
 * like with like (Event Timing rounds to 8 ms and drops anything under 16 ms).
 */
export async function installPaintProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __paints: number[] };
    w.__paints = [];
    addEventListener(
      'click',
      (event) => {
        const at = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__paints.push(performance.now() - at);
          channel.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  });
}

/** The probe's timings so far, once the last click's frame has been painted (waiting at most `timeout` ms for it). */
export async function paintTimings(page: Page, clicks: number, timeout = 30_000): Promise<number[]> {
  await page.waitForFunction((n) => (window as unknown as { __paints: number[] }).__paints.length >= n, clicks, { timeout });
  return page.evaluate(() => (window as unknown as { __paints: number[] }).__paints);
}

/** What the same touches cost on a minimal page in the same browser: ms per tap (tap + screen swap) and per fill. */
export async function touchFloor(minimal: Page, count = 12): Promise<{ tapMs: number; fillMs: number; paints: number[] }> {
  const taps: number[] = [];
  const before = (await paintTimings(minimal, 0)).length;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await minimal.locator(i % 2 === 0 ? '#to-help' : '#back').click();
    await minimal.locator(i % 2 === 0 ? '#help' : '#services').waitFor();
    taps.push(performance.now() - started);
  }
  const fills: number[] = [];
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    await minimal.locator('#search').fill(`text ${i}`);
    fills.push(performance.now() - started);
  }
  const paints = (await paintTimings(minimal, before + count)).slice(before);
  return { tapMs: median(taps), fillMs: median(fills), paints };
}
