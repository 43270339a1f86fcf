import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './staticFiles';

const root = '/srv/kiosk/renderer';

describe('static file resolution', () => {
  it('serves index.html for the root and files under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(`${root}/index.html`);
    expect(resolveStaticPath(root, '/assets/index-abc.js?v=1')).toBe(`${root}/assets/index-abc.js`);
  });

  it('refuses traversal however it is spelled', () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/%2E%2E/%2E%2E/x', '/..%2fx', '/a/../../x', '/%5c..%5cx', '/x%00.js', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });

  it('never resolves outside the root, for any input', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%5c', '%00', 'assets', 'a'), fc.string());
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveStaticPath(root, `/${segments.join('/')}`);
        return resolved === null || resolved.startsWith(`${root}/`);
      }),
      { numRuns: 10_000 },
    );
  });
});
