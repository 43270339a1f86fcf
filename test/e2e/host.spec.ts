import WebSocket from 'ws';
import { expect, test } from './fixtures';

/** The browser host's own defences, seen from outside as an attacker on the same machine would. */
test.describe('browser host', () => {
  test('serves the UI with a strict CSP on loopback', async ({ kioskUrl, request }) => {
    const origin = new URL(kioskUrl).origin;
    expect(new URL(kioskUrl).hostname).toBe('127.0.0.1');
    const response = await request.get(`${origin}/`);
    expect(response.status()).toBe(200);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('refuses path traversal and foreign Host headers', async ({ kioskUrl, request }) => {
    const origin = new URL(kioskUrl).origin;
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json']) {
      expect((await request.get(`${origin}${path}`)).status(), path).toBe(404);
    }
    const rebound = await request.get(`${origin}/`, { headers: { Host: 'evil.example:80' } });
    expect(rebound.status()).toBe(421);
  });

  test('the RPC socket demands the launch secret and our origin', async ({ kioskUrl }) => {
    const url = new URL(kioskUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const attempt = (query: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://${url.host}/rpc${query}`, { headers: { Origin: origin } });
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    expect(await attempt('', url.origin)).toBe(403);
    expect(await attempt(`?token=${'0'.repeat(64)}`, url.origin)).toBe(403);
    expect(await attempt(`?token=${token}`, 'http://evil.example')).toBe(403);
    expect(await attempt(`?token=${token}`, url.origin)).toBe(101);
  });
});
