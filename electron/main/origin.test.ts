import { describe, expect, it } from 'vitest';
import { isKioskUrl, kioskOrigin, kioskStartUrl } from './origin';

describe('isKioskUrl', () => {
  it('accepts the start page and other kiosk pages', () => {
    expect(isKioskUrl(kioskStartUrl)).toBe(true);
    expect(isKioskUrl(`${kioskOrigin}/assets/x.js?y#z`)).toBe(true);
  });

  it.each([
    'https://example.com',
    'http://kiosk/index.html',
    'file:///etc/passwd',
    'app://kiosk.evil.com/',
    'app://evil/',
    'app://kiosk:1234/',
    'app://user:pw@kiosk/',
    'javascript:alert(1)',
    'data:text/html,<p>x</p>',
    'about:blank',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isKioskUrl(url)).toBe(false);
  });
});
