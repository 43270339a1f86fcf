import { describe, expect, it } from 'vitest';
import { routes } from '../../common/wire/routes';
import { fingerprintBody, withState } from '../../central/testing/people';
import { productionCentral } from './central';
import { concretePath, problemCode } from './rawClient';

/** Issue 9, text people will read and bodies nobody should send (production central). */
describe('hostile input', () => {
  const target = productionCentral({ registry: true });
  const who = withState('active', (p) => p.fingers.length > 0 && p.violations.some((v) => v.status === 'unpaid'));
  let session = '';

  const signInByFingerprint = async (): Promise<string> => {
    const verified = await target.kiosk.call('/v1/citizens/verifications/fingerprint', {
      body: fingerprintBody(target.kiosk, { idNumber: who.idNumber, personId: who.personId, finger: who.fingers[0] ?? 'rightIndex' }),
    });
    const answer = await target.kiosk.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken: (verified.body as { verificationToken: string }).verificationToken } });
    expect(answer.status).toBe(200);
    return (answer.body as { sessionToken: string }).sessionToken;
  };

  const address = (street: string) => ({ city: 'Riyadh', district: 'Al Olaya', street, buildingNumber: '1234', postalCode: '12345', additionalNumber: '6789' });
  const hostile: [string, string][] = [
    ['a right-to-left override (U+202E)', 'Main \u202Eteerts'],
    ['a left-to-right embedding (U+202A)', '\u202AMain street'],
    ['a first-strong isolate (U+2068)', 'Main \u2068street\u2069'],
    ['a NUL', 'Main\u0000street'],
    ['an escape (U+001B)', 'Main\u001B[31mstreet'],
    ['zero-width characters only', '\u200B\u200C\u200D'],
    ['Hangul fillers only', '\u3164\u3164\u3164'],
  ];

  it.each(hostile)('an address street with %s is refused 400 invalid_request and nothing changes', async (_what, street) => {
    session ||= await signInByFingerprint();
    const before = await target.central.snapshot(['idempotency']);
    const answer = await target.kiosk.call('/v1/citizens/me/address', { body: address(street), bearer: session });
    expect(answer.status).toBe(400);
    expect((answer.body as { code: string }).code).toBe('invalid_request');
    expect(await target.central.snapshot(['idempotency'])).toBe(before);
  });

  it('an objection reason with a bidi override is refused; a clean one is stored in NFC', async () => {
    session ||= await signInByFingerprint();
    // The newest unpaid violation: the seeds' own are older than the 30-day objection window (RULES.md), the demo adds one within it.
    const [newest] = await target.central.rows("SELECT violation_number FROM violations WHERE id_number = ? AND status = 'unpaid' ORDER BY occurred_at DESC LIMIT 1", [who.idNumber]);
    const violation = { violationNumber: String(newest?.violation_number) };
    const path = `/v1/citizens/me/violations/${violation.violationNumber}/objection`;
    expect((await target.kiosk.call(path, { body: { reason: 'I was not \u202Ethere at the time' }, bearer: session })).status).toBe(400);
    const filed = await target.kiosk.call(path, { body: { reason: '  The plate was misread: Cafe\u0301 parking  ' }, bearer: session });
    expect(filed.status).toBe(201);
    const [row] = await target.central.rows('SELECT reason FROM objections WHERE violation_number = ?', [violation.violationNumber]);
    expect(row?.reason).toBe('The plate was misread: Café parking');
  });

  it('a clean address is stored in NFC, trimmed', async () => {
    session ||= await signInByFingerprint();
    const answer = await target.kiosk.call('/v1/citizens/me/address', { body: address(' Rue de l\u2019E\u0301glise '), bearer: session });
    expect(answer.status).toBe(200);
    const [row] = await target.central.rows('SELECT address_json FROM accounts WHERE id_number = ?', [who.idNumber]);
    expect(JSON.parse(String(row?.address_json)).street).toBe('Rue de l’Église');
  });

  const posts = Object.values(routes).filter((route) => route.method === 'POST' && 'body' in route.schema && route.config.access !== 'demo');
  it.each(posts.map((route) => [route.url, route] as const))('POST %s with a 70 KiB body answers 413 body_too_large (the limit is 64 KiB), changing nothing', async (_url, route) => {
    session ||= await signInByFingerprint();
    const client = route.config.access === 'enrolment' ? target.anonymous : target.enrolled;
    const headers: Record<string, string> = { 'idempotency-key': 'tx-oversize-probe' };
    if (route.config.access === 'citizen') headers.authorization = `Bearer ${session}`;
    const before = await target.central.snapshot(['idempotency']);
    const answer = await client.send('POST', concretePath(route.url), { body: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }), headers });
    expect(answer.status).toBe(413);
    expect(problemCode(answer)).toBe('body_too_large');
    expect(await target.central.snapshot(['idempotency'])).toBe(before);
  });
});
