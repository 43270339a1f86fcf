import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdentityFile } from '../../drivers/cardData/nationalIdCard';
import { verificationSchema } from '../../common/wire/citizen';
import { fingerprintBody, POPULATION } from '../testing/people';
import { TestKiosk } from '../testing/kioskClient';
import { startTestCentral, type TestCentral } from '../testing/harness';

const [faisal, noAccount, , , , resident, , expiredId] = POPULATION.people;
if (!faisal || !noAccount || !resident || !expiredId) throw new Error('featured lab people missing');
const finger = faisal.fingers[0] ?? 'rightIndex';

describe('identity proofing', () => {
  let central: TestCentral;
  let kiosk: TestKiosk;
  let other: TestKiosk;

  beforeAll(async () => {
    central = await startTestCentral();
    kiosk = await TestKiosk.create(central.url, central.caCertPem);
    await kiosk.enrol(await central.issueEnrolmentCode());
    other = await TestKiosk.create(central.url, central.caCertPem);
    await other.enrol(await central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await other.close();
    await central.stop();
  });

  const verify = (body: unknown) => kiosk.call('/v1/citizens/verifications/fingerprint', { body });

  it('a genuine capture of the claimed person matches and gives a single-use token', async () => {
    const answer = await verify(fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger }));
    expect(answer.status).toBe(200);
    const verification = verificationSchema.parse(answer.body);
    expect(verification).toMatchObject({ method: 'fingerprint', accountState: 'active', holder: { nameEn: 'Faisal Alharbi', holderType: 'citizen' } });
    const signIn = (from: TestKiosk) => from.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken: verification.verificationToken } });
    expect((await signIn(other)).body).toMatchObject({ code: 'verification_token_invalid' });
    expect((await signIn(kiosk)).status).toBe(200);
    expect((await signIn(kiosk)).body).toMatchObject({ code: 'verification_token_invalid' });
  });

  it('three failed matches in a session end it, even for the right finger afterwards', async () => {
    const sessionId = 'session-impostor-1';
    const impostor = (seed: number) => fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: resident.personId, finger, sessionId, seed });
    expect((await verify(impostor(1))).body).toMatchObject({ code: 'fingerprint_no_match', attemptsRemaining: 2 });
    expect((await verify(impostor(2))).body).toMatchObject({ code: 'fingerprint_no_match', attemptsRemaining: 1 });
    const third = await verify(impostor(3));
    expect(third.status).toBe(403);
    expect(third.body).toMatchObject({ code: 'fingerprint_attempts_exhausted' });
    const genuine = await verify(fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger, sessionId }));
    expect(genuine.body).toMatchObject({ code: 'fingerprint_attempts_exhausted' });
    // A new customer session starts afresh.
    expect((await verify(fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger }))).status).toBe(200);
  });

  it('an unknown ID is just a failed match, never a hint that the ID does not exist', async () => {
    const answer = await verify(fingerprintBody(kiosk, { idNumber: '1999999996', personId: faisal.personId, finger }));
    expect(answer.body).toMatchObject({ code: 'fingerprint_no_match' });
  });

  it('refuses low quality, a bad signature, an unknown format and an unreadable template without counting a failure', async () => {
    const sessionId = 'session-packaging';
    const good = fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger, sessionId });
    const lowQuality = fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger, sessionId, quality: 20 });
    expect((await verify(lowQuality)).body).toMatchObject({ code: 'capture_quality_low' });
    expect((await verify({ ...good, capture: { ...good.capture, quality: 99 } })).body).toMatchObject({ code: 'capture_signature_invalid' });
    const foreign = fingerprintBody(other, { idNumber: faisal.idNumber, personId: faisal.personId, finger, sessionId });
    expect((await verify(foreign)).body).toMatchObject({ code: 'capture_signature_invalid' });
    const fields = { idNumber: faisal.idNumber, sessionId, format: 'iso-19794-2', quality: good.capture.quality, deviceId: good.capture.deviceId, template: good.capture.template };
    expect((await verify({ ...good, capture: { ...good.capture, format: 'iso-19794-2', signature: kiosk.signCapture(fields) } })).body).toMatchObject({ code: 'capture_format_unsupported' });
    const junk = Buffer.alloc(512, 7).toString('base64');
    const junkFields = { ...fields, format: good.capture.format, template: junk };
    expect((await verify({ ...good, capture: { ...good.capture, template: junk, signature: kiosk.signCapture(junkFields) } })).body).toMatchObject({ code: 'capture_invalid' });
    expect(await central.rows('SELECT * FROM fingerprint_failures WHERE session_id = ?', [sessionId])).toEqual([]);
    expect((await verify(good)).status).toBe(200);
  });

  it('an ID card token needs the card the registry knows, unexpired — and is not enough where a fingerprint is required', async () => {
    const card = (idNumber: string, expiry: string, documentType: 'nationalId' | 'iqama' = 'nationalId') =>
      Buffer.from(encodeIdentityFile({ documentType, idNumber, expiry })).toString('base64');
    const ok = await kiosk.call('/v1/citizens/verifications/id-card', { body: { idNumber: faisal.idNumber, chip: { identityFile: card(faisal.idNumber, faisal.idCard.expiry) } } });
    expect(ok.status).toBe(200);
    const token = verificationSchema.parse(ok.body).verificationToken;
    expect((await kiosk.call('/v1/citizens/activations', { body: { verificationToken: token, termsAccepted: true } })).body).toMatchObject({ code: 'verification_method_insufficient' });

    const old = await kiosk.call('/v1/citizens/verifications/id-card', { body: { idNumber: faisal.idNumber, chip: { identityFile: card(faisal.idNumber, '2020-01-01') } } });
    expect(old.body).toMatchObject({ code: 'id_card_mismatch' });
    const someoneElse = await kiosk.call('/v1/citizens/verifications/id-card', { body: { idNumber: faisal.idNumber, chip: { identityFile: card(noAccount.idNumber, noAccount.idCard.expiry) } } });
    expect(someoneElse.body).toMatchObject({ code: 'id_card_mismatch' });
    const expired = await kiosk.call('/v1/citizens/verifications/id-card', { body: { idNumber: expiredId.idNumber, chip: { identityFile: card(expiredId.idNumber, expiredId.idCard.expiry) } } });
    expect(expired.body).toMatchObject({ code: 'id_expired' });
    const garbage = await kiosk.call('/v1/citizens/verifications/id-card', { body: { idNumber: faisal.idNumber, chip: { identityFile: 'AAAA' } } });
    expect(garbage.body).toMatchObject({ code: 'id_card_invalid' });
  });

  it('a verification token expires', async () => {
    const token = verificationSchema.parse((await verify(fingerprintBody(kiosk, { idNumber: faisal.idNumber, personId: faisal.personId, finger }))).body).verificationToken;
    central.clock.advance(121_000);
    expect((await kiosk.call('/v1/citizens/sign-in/fingerprint', { body: { verificationToken: token } })).body).toMatchObject({ code: 'verification_token_invalid' });
  });
});
