import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './appFilePath';

const root = path.resolve('/srv/kiosk/out/renderer');

function fileFor(url: string): string | null {
  const result = resolveAppFile(url, root);
  return result.ok ? result.file : null;
}

function statusFor(url: string): number | null {
  const result = resolveAppFile(url, root);
  return result.ok ? null : result.status;
}

function isUnderRoot(file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

describe('resolveAppFile', () => {
  it('serves index.html for the origin itself', () => {
    expect(fileFor('app://kiosk/')).toBe(path.join(root, 'index.html'));
    expect(fileFor('app://kiosk')).toBe(path.join(root, 'index.html'));
  });

  it('maps an asset path under the renderer root', () => {
    expect(fileFor('app://kiosk/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('ignores the query and the fragment', () => {
    expect(fileFor('app://kiosk/assets/a.css?v=1#x')).toBe(path.join(root, 'assets', 'a.css'));
  });

  it('decodes percent-encoded names once', () => {
    expect(fileFor('app://kiosk/assets/noto%20sans.woff2')).toBe(path.join(root, 'assets', 'noto sans.woff2'));
  });

  it.each([
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/%2E%2E/secret',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://kiosk/..%2f..%2fetc/passwd',
    'app://kiosk/assets/..%5c..%5cwindows',
    'app://kiosk/assets%5c..%5c..%5cetc',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk/C:%5cWindows%5csystem.ini',
    'app://kiosk/c:/windows/win.ini',
    'app://kiosk/index.html%00.png',
    'app://kiosk/.env',
    'app://kiosk/assets/.hidden',
    'app://kiosk/%252e%252e/%2e%2e/x',
  ])('refuses the traversal %s', (url) => {
    expect(statusFor(url)).toBe(403);
  });

  it('refuses a raw backslash path', () => {
    // The URL parser keeps a backslash in a non-special scheme's path as it is.
    expect(statusFor('app://kiosk/assets\\..\\..\\etc\\passwd')).toBe(403);
  });

  it.each(['app://kiosk/assets/../../../../etc/passwd', 'app://kiosk/./index.html', 'app://kiosk/assets/..', 'app://kiosk/a/.%2E/b'])(
    'refuses dot segments the URL parser would quietly resolve: %s',
    (url) => expect(statusFor(url)).toBe(403),
  );

  it.each(['app://evil/index.html', 'app://kiosk.evil/index.html', 'app://kiosk:8080/index.html', 'app://user@kiosk/index.html', 'app:///etc/passwd'])(
    'refuses another host: %s',
    (url) => expect(statusFor(url)).toBe(403),
  );

  it.each(['file:///etc/passwd', 'https://kiosk/index.html', 'http://kiosk/'])('refuses another scheme: %s', (url) => {
    expect(statusFor(url)).toBe(403);
  });

  it('refuses malformed percent-encoding', () => {
    expect(statusFor('app://kiosk/%E0%A4%A')).toBe(400);
  });

  it('refuses what is not a URL', () => {
    expect(statusFor('not a url')).toBe(400);
  });

  const fragment = fc.constantFrom(
    '..', '.', '/', '//', '\\', '%2e', '%2E', '%2e%2e', '.%2e', '%2e.', '%2f', '%2F', '%5c', '%5C', '%00', '%25', '%252e',
    ':', 'C:', 'c%3a', '~', 'assets', 'index.html', 'a', '..%2f', '%c0%ae', '%c0%af', '?', '#', '%3f', ' ', '%20', 'ü', '٣',
  );
  const hostilePath = fc.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 24 }).map((parts) => parts.join(''));

  it('never resolves a generated path outside the root (hostile fragments)', () => {
    fc.assert(
      fc.property(hostilePath, (p) => {
        const file = fileFor(`app://kiosk/${p}`);
        return file === null || isUnderRoot(file);
      }),
      { numRuns: 5000 },
    );
  });

  it('never resolves a generated web path outside the root', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (p, q) => {
        const file = fileFor(`app://kiosk${p.startsWith('/') ? '' : '/'}${p}?${q}`);
        return file === null || isUnderRoot(file);
      }),
      { numRuns: 2000 },
    );
  });

  it('never serves a request for a host other than kiosk', () => {
    fc.assert(
      fc.property(fc.domain(), hostilePath, (host, p) => {
        fc.pre(host !== 'kiosk');
        return fileFor(`app://${host}/${p}`) === null;
      }),
      { numRuns: 1000 },
    );
  });
});
