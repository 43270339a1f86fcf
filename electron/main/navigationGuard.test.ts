import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeEvent, FakeWebContents, asElectron, resetElectronFake } = await import('./testing/fakeElectron');
const { guardNavigation } = await import('./navigationGuard');
const { recordingLog } = await import('./testing/recordingLog');

type Contents = InstanceType<typeof FakeWebContents>;

function attempt(contents: Contents, eventName: string, url: string): boolean {
  const event = new FakeEvent({ url, isMainFrame: true });
  contents.emit(eventName, event, url, false, true);
  return event.defaultPrevented;
}

describe('the navigation guard', () => {
  let contents: Contents;
  let log: ReturnType<typeof recordingLog>;
  beforeEach(() => {
    resetElectronFake();
    contents = new FakeWebContents();
    log = recordingLog();
    guardNavigation(asElectron<WebContents>(contents), log);
  });

  it('prevents a navigation to https://example.com', () => {
    expect(attempt(contents, 'will-navigate', 'https://example.com/')).toBe(true);
  });

  it('allows a same-origin navigation', () => {
    expect(attempt(contents, 'will-navigate', 'app://kiosk/index.html#/services')).toBe(false);
  });

  it('prevents a navigation to a file:// URL', () => {
    expect(attempt(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('prevents a navigation to another app:// host', () => {
    expect(attempt(contents, 'will-navigate', 'app://evil/index.html')).toBe(true);
  });

  it('prevents a subframe navigation to another origin', () => {
    expect(attempt(contents, 'will-frame-navigate', 'https://example.com/')).toBe(true);
  });

  it('prevents a redirect to another origin', () => {
    expect(attempt(contents, 'will-redirect', 'https://example.com/phish')).toBe(true);
  });

  it('allows a same-origin redirect', () => {
    expect(attempt(contents, 'will-redirect', 'app://kiosk/index.html')).toBe(false);
  });

  it('denies window.open', () => {
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, { preload: '/tmp/evil.js' }, { src: 'https://example.com' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('logs the scheme of a refused navigation, never the URL', () => {
    attempt(contents, 'will-navigate', 'https://example.com/?id=1234567890');
    expect(JSON.stringify(log.lines)).not.toContain('1234567890');
    expect(log.lines.at(-1)?.fields).toMatchObject({ scheme: 'https:' });
  });
});
