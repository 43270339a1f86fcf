import { expect, test } from '@playwright/test';
import { hasElectron, launchKiosk, noElectronReason } from './launch';
import type { LaunchedKiosk } from './launch';
import type { PageScope } from './pageScope';

test.skip(!hasElectron, noElectronReason);

let kiosk: LaunchedKiosk;

test.beforeAll(async () => {
  kiosk = await launchKiosk();
});

test.afterAll(async () => {
  await kiosk?.app.close();
});

test('the window is a visible fullscreen kiosk window', async () => {
  const state = await kiosk.app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    const [window] = windows;
    return { count: windows.length, kiosk: window?.isKiosk(), visible: window?.isVisible(), fullscreen: window?.isFullScreen() };
  });
  expect(state).toEqual({ count: 1, kiosk: true, visible: true, fullscreen: true });
});

test('contextIsolation is on: contextBridge exposed window.kiosk, which it refuses to do without it', async () => {
  const exposed = await kiosk.page.evaluate(() => typeof (globalThis as unknown as PageScope).kiosk?.getSnapshot);
  expect(exposed).toBe('function');
});

test('the renderer process is sandboxed where the OS reports it', async () => {
  const sandboxed = await kiosk.app.evaluate(({ app, BrowserWindow }) => {
    const pid = BrowserWindow.getAllWindows()[0]?.webContents.getOSProcessId();
    return app.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null;
  });
  // ProcessMetric.sandboxed exists on macOS and Windows only; null on Linux.
  expect(sandboxed).not.toBe(false);
});

test('the page has no require, process, module or ipcRenderer', async () => {
  const globals = await kiosk.page.evaluate(() => {
    const scope = globalThis as unknown as PageScope;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      module: typeof scope.module,
      ipcRenderer: typeof (scope.kiosk as unknown as Record<string, unknown>).ipcRenderer,
    };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', ipcRenderer: 'undefined' });
});

test('the page is served from app://kiosk', async () => {
  expect(kiosk.page.url()).toMatch(/^app:\/\/kiosk\//);
});

test('window.kiosk answers from the real core', async () => {
  const result = await kiosk.page.evaluate(() => (globalThis as unknown as PageScope).kiosk.getSnapshot({}));
  expect(result.ok).toBe(true);
  if (result.ok) expect(typeof result.value.revision).toBe('number');
});

test('window.kiosk returns an invalid call as an error value', async () => {
  const result = await kiosk.page.evaluate(() =>
    (globalThis as unknown as PageScope).kiosk.setLanguage({ language: 'xx' } as unknown as { language: 'ar' }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
});

test('a navigation to another origin is blocked', async () => {
  const before = kiosk.page.url();
  await kiosk.page.evaluate(() => {
    (globalThis as unknown as PageScope).location.href = 'https://example.com/';
  });
  await kiosk.page.waitForTimeout(1_000);
  expect(kiosk.page.url()).toBe(before);
});

test('window.open is denied', async () => {
  const blocked = await kiosk.page.evaluate(() => (globalThis as unknown as PageScope).open('app://kiosk/index.html') === null);
  expect(blocked).toBe(true);
  expect(await kiosk.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('app:// responses carry the CSP and nosniff', async () => {
  const headers = await kiosk.page.evaluate(async () => {
    const response = await (globalThis as unknown as PageScope).fetch('/index.html');
    return { csp: response.headers.get('content-security-policy'), nosniff: response.headers.get('x-content-type-options') };
  });
  expect(headers.csp).toBe(
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
  );
  expect(headers.nosniff).toBe('nosniff');
});

test('the CSP stops inline script', async () => {
  const ran = await kiosk.page.evaluate(() => {
    const scope = globalThis as unknown as PageScope;
    const script = scope.document.createElement('script');
    script.textContent = 'globalThis.__inlineRan = true';
    scope.document.head.append(script);
    return scope.__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('a traversal request is refused', async () => {
  const status = await kiosk.page.evaluate(async () => (await (globalThis as unknown as PageScope).fetch('/%2e%2e/%2e%2e/package.json')).status);
  expect([403, 404]).toContain(status);
});

test('reload and devtools shortcuts never reach the page or open devtools', async () => {
  await kiosk.page.evaluate(() => {
    const scope = globalThis as unknown as PageScope;
    const seen: string[] = [];
    scope.__keys = seen;
    scope.addEventListener('keydown', (event) => seen.push(event.key), true);
  });
  for (const chord of ['F12', 'Control+Shift+I', 'Control+Shift+J', 'Control+Shift+C', 'F5', 'Control+R']) await kiosk.page.keyboard.press(chord);
  await kiosk.page.keyboard.press('a');
  expect(await kiosk.page.evaluate(() => (globalThis as unknown as PageScope).__keys)).toEqual(['a']);
  expect(await kiosk.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.isDevToolsOpened())).toBe(false);
});

test('a permission query is denied', async () => {
  const state = await kiosk.page.evaluate(async () => (await (globalThis as unknown as PageScope).navigator.permissions.query({ name: 'geolocation' })).state);
  expect(state).toBe('denied');
});
