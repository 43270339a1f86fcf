import { describe, expect, it } from 'vitest';
import { routes } from '../../common/wire/routes';
import { fingerprintBody, withState } from '../../central/testing/people';
import { productionCentral } from './central';
import { concretePath, type RawAnswer, spellings } from './rawClient';

/**
 * The contract walked with every path re-spelled, *with* full credentials
 * (kiosk certificate, citizen session, idempotency key): a spelling either
 * matches no route (404) or meets exactly what the plain spelling meets —
 * same status, same problem code. Together with the credential-less probes
 * (paths.test.ts) no spelling gets a treatment of its own.
 */
describe('contract scan with every path re-spelled (production central, full credentials)', () => {
  const target = productionCentral({
    registry: true,
    start: { rateLimits: { perKiosk: { max: 100_000, windowSeconds: 60 }, perTarget: { max: 100_000, windowSeconds: 60 }, enrolment: { max: 10, windowSeconds: 60 } } },
  });
  const who = withState('active', (p) => p.fingers.length > 0);
  let session = '';
  let serial = 0;

  const outcome = (answer: RawAnswer): string => {
    const code = typeof answer.body === 'object' && answer.body !== null ? String((answer.body as { code?: unknown }).code ?? '') : '';
    return `${answer.status} ${code}`.trim();
  };

  // Sign-out takes no body, so no schema stops it: it would end the scan's own session (its spellings are probed in paths.test.ts).
  const guarded = Object.values(routes).filter((route) => (route.config.access === 'kiosk' || route.config.access === 'citizen') && route.url !== '/v1/citizens/me/sign-out');
  it.each(guarded.map((route) => [`${route.method} ${route.url}`, route] as const))('%s: every spelling is 404 or answers as the plain one does', async (_name, route) => {
    if (!session) {
      const verified = await target.kiosk.call('/v1/citizens/verifications/fingerprint', {
        body: fingerprintBody(target.kiosk, { idNumber: who.idNumber, personId: who.personId, finger: who.fingers[0] ?? 'rightIndex' }),
      });
      const signed = await target.kiosk.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken: (verified.body as { verificationToken: string }).verificationToken } });
      session = (signed.body as { sessionToken: string }).sessionToken;
    }
    // Bodies that fail the schema: the scan reaches validation (past every credential check) and changes nothing.
    const call = (path: string) => {
      serial += 1;
      const headers: Record<string, string> = { authorization: `Bearer ${session}`, 'idempotency-key': `tx-scan-${serial}` };
      return target.enrolled.send(route.method, path, route.method === 'POST' ? { body: '{"unexpected":true}', headers } : { headers });
    };
    const plain = outcome(await call(concretePath(route.url)));
    expect(plain, 'the plain spelling gets past every credential check').not.toMatch(/^(401|403|5)/);
    const before = await target.central.snapshot(['idempotency']);
    const different: string[] = [];
    for (const path of spellings(concretePath(route.url))) {
      const seen = outcome(await call(path));
      if (seen !== plain && seen !== '404 not_found') different.push(`${path} → ${seen} (plain: ${plain})`);
    }
    expect(different.slice(0, 20)).toEqual([]);
    if (route.method === 'POST') expect(await target.central.snapshot(['idempotency'])).toBe(before);
  });
});
