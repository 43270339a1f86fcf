import { describe, expect, it } from 'vitest';
import { mimeTypeFor } from './mimeTypes';

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-x.js', 'text/javascript; charset=utf-8'],
    ['assets/index-x.css', 'text/css; charset=utf-8'],
    ['assets/noto-sans-arabic.woff2', 'font/woff2'],
    ['assets/logo.SVG', 'image/svg+xml'],
    ['assets/flag.png', 'image/png'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });

  it('serves an unknown type as opaque bytes', () => {
    expect(mimeTypeFor('assets/thing.xyz')).toBe('application/octet-stream');
    expect(mimeTypeFor('LICENSE')).toBe('application/octet-stream');
  });
});
