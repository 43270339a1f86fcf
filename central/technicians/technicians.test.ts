import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../common/demo/population';
import { kioskCentralConfigSchema } from '../../common/wire/kiosk';
import { cardVerifierMatches } from './cardVerifier';
import { technicianPinAnswerSchema } from '../../common/wire/technicians';
import { verifySecret } from '../credentials/passwords';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';
import { standalone } from '../../common/testing/standalone';

/** The technician PIN route (maintenance mode) and the hashes central pushes to kiosks. */
describe('technicians over mTLS', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral({ populationSize: 10, rateLimits: { perKiosk: { max: 1000, windowSeconds: 60 }, perTarget: { max: 6, windowSeconds: 900 }, enrolment: { max: 100, windowSeconds: 60 } } });
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    expect((await kiosk.enrol(await central.issueEnrolmentCode())).status).toBe(201);
  });
  afterAll(async () => {
    await kiosk.close();
    await central.stop();
  });

  it('the right PIN is verified and names the technician; each check is recorded without the PIN', async () => {
    const answer = await kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId: '1002', pin: '1357' } });
    expect(answer.status).toBe(200);
    expect(technicianPinAnswerSchema.parse(answer.body)).toEqual({ technicianId: '1002', name: 'Technician Two', verified: true });
    const rows = await central.db.all('SELECT * FROM technician_pin_checks WHERE technician_id = ?', ['1002']);
    expect(rows).toEqual([expect.objectContaining({ kiosk_id: kiosk.kioskId, outcome: 'verified' })]);
    expect(JSON.stringify(rows)).not.toMatch(standalone('1357'));
  });

  it('an unknown technician and a wrong PIN get the same answer', async () => {
    const wrong = await kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId: '1001', pin: '0000' } });
    const unknown = await kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId: '4242', pin: '0000' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as { code: string }).code).toBe('technician_pin_wrong');
    expect(unknown.body).toEqual(wrong.body);
    const outcomes = await central.db.all("SELECT outcome FROM technician_pin_checks WHERE technician_id IN ('1001', '4242') ORDER BY rowid");
    expect(outcomes.map((r) => r['outcome'])).toEqual(['wrong', 'unknown']);
  });

  it('refuses a malformed check before any work (schema), and counts checks per technician (429)', async () => {
    for (const body of [{ technicianId: '1001' }, { technicianId: '0001', pin: '2468' }, { technicianId: '1001', pin: '24a8' }, { technicianId: '1001', pin: '2468', extra: 1 }]) {
      expect((await kiosk.call('/v1/kiosks/technicians/verify-pin', { body })).status, JSON.stringify(body)).toBe(400);
    }
    let status = 0;
    for (let i = 0; i < 7 && status !== 429; i++) status = (await kiosk.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId: '1001', pin: '1111' } })).status;
    expect(status).toBe(429);
  });

  it('pushes each technician’s verifier of PIN and card in the configuration: the PIN alone matches nothing, the PIN with the card’s secret does', async () => {
    const config = kioskCentralConfigSchema.parse((await kiosk.call('/v1/kiosks/config')).body);
    const pushed = config.technicians?.find((t) => t.technicianId === '1001');
    expect(pushed?.name).toBe('Technician One');
    if (!pushed || !('offlineVerifier' in pushed) || !pushed.offlineVerifier) throw new Error('no verifier pushed');
    expect(pushed.offlineVerifier.scheme).toBe('pinAndCard');
    expect(pushed.offlineVerifier.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    const lab = generatePopulation().technicians.find((t) => t.techId === '1001')!;
    expect(await cardVerifierMatches('2468', Buffer.from(lab.cardSecret, 'hex'), pushed.offlineVerifier.hash)).toBe(true);
    expect(await cardVerifierMatches('2468', new Uint8Array(16), pushed.offlineVerifier.hash)).toBe(false);
    expect(await verifySecret('2468', pushed.offlineVerifier.hash)).toBe(false);
    const own = await central.db.get('SELECT * FROM technicians WHERE technician_id = ?', ['1001']);
    expect(own).not.toHaveProperty('offline_pin_hash');
    expect(own?.['pin_hash']).not.toBe(pushed.offlineVerifier.hash);
    expect(JSON.stringify(own)).not.toContain(lab.cardSecret);
  });

  it('needs a kiosk certificate', async () => {
    const stranger = await TestKiosk.create(central.url, central.caCertPem);
    try {
      expect((await stranger.call('/v1/kiosks/technicians/verify-pin', { body: { technicianId: '1001', pin: '2468' } })).status).toBe(401);
    } finally {
      await stranger.close();
    }
  });
});
