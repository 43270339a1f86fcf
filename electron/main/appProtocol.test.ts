import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { fakeProtocol, resetElectronFake } = await import('./testing/fakeElectron');
const { createAppRequestHandler, registerAppScheme, serveAppProtocol } = await import('./appProtocol');
const { contentSecurityPolicy } = await import('./securityHeaders');
const { recordingLog } = await import('./testing/recordingLog');

const expectedCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

let dir: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-protocol-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  handle = createAppRequestHandler(root, recordingLog());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('the app:// scheme', () => {
  beforeEach(() => resetElectronFake());

  it('is registered as standard, secure and fetchable, and nothing more', () => {
    registerAppScheme();
    expect(fakeProtocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('is served by protocol.handle', () => {
    serveAppProtocol(root, recordingLog());
    expect(fakeProtocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('an app:// response', () => {
  it('serves index.html for the origin with its MIME type', async () => {
    const response = await get('app://kiosk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>kiosk</title>');
  });

  it('serves a script as JavaScript', async () => {
    const response = await get('app://kiosk/assets/index.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves a font as font/woff2', async () => {
    const response = await get('app://kiosk/assets/font.woff2');
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('carries the strict CSP', async () => {
    const response = await get('app://kiosk/index.html');
    expect(contentSecurityPolicy).toBe(expectedCsp);
    expect(response.headers.get('content-security-policy')).toBe(expectedCsp);
  });

  it('carries nosniff', async () => {
    expect((await get('app://kiosk/index.html')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a missing file with 404, CSP included', async () => {
    const response = await get('app://kiosk/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(expectedCsp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['app://kiosk/%2e%2e/secret.txt', 'app://kiosk/../secret.txt', 'app://kiosk/assets/..%2f..%2fsecret.txt', 'app://kiosk/assets/%5c..%5csecret.txt'])(
    'refuses the traversal %s with 403 or 404',
    async (url) => {
      // Request (like Chromium) may resolve dot segments before the handler sees them: then it is a plain miss.
      const response = await get(url);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('TOP-SECRET');
    },
  );

  it('refuses another host with 403', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
  });

  it('refuses a symlink that leads out of the renderer root', async () => {
    const response = await get('app://kiosk/assets/link.txt');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('TOP-SECRET');
  });

  it('answers a directory with 404', async () => {
    expect((await get('app://kiosk/assets')).status).toBe(404);
  });

  it('refuses a POST with 405', async () => {
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://kiosk/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
