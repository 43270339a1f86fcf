import { randomUUID } from 'node:crypto';
import { captureFinger } from '../../common/fingerprint/capture';
import { encodeCharFile } from '../../common/fingerprint/charFile';
import type { FingerName } from '../../common/fingerprint/fingers';
import { generatePopulation, type LabAccountState, type LabPerson } from '../../common/demo/population';
import { CAPTURE_FORMAT } from '../../common/wire/citizen';
import type { TestKiosk } from './kioskClient';

export const POPULATION = generatePopulation();

function person(predicate: (p: LabPerson) => boolean, what: string): LabPerson {
  const found = POPULATION.people.find(predicate);
  if (!found) throw new Error(`no lab person who is ${what}`);
  return found;
}

const TODAY = new Date().toISOString().slice(0, 10);
export const withState = (state: LabAccountState, extra: (p: LabPerson) => boolean = () => true): LabPerson =>
  person((p) => (p.account?.state ?? 'none') === state && p.idCard.expiry > TODAY && extra(p), `${state} with a valid ID`);

/** People with a bank card and an account still to activate (registered or pending_bank), valid ID: the ATM journey's people. */
export const bankCardHolders = (): LabPerson[] =>
  POPULATION.people.filter((p) => p.bankCard !== null && (p.account?.state === 'registered' || p.account?.state === 'pending_bank') && p.idCard.expiry > TODAY);

/** A live capture of a person's finger, packaged and signed as the kiosk sends it. */
export function fingerprintBody(kiosk: TestKiosk, options: { idNumber: string; personId: string; finger: FingerName; seed?: number; sessionId?: string; quality?: number }) {
  const capture = captureFinger({ personId: options.personId, finger: options.finger }, options.seed ?? 500);
  const template = Buffer.from(encodeCharFile({ quality: capture.quality, minutiae: capture.minutiae })).toString('base64');
  const sessionId = options.sessionId ?? `session-${randomUUID()}`;
  const fields = { idNumber: options.idNumber, sessionId, format: CAPTURE_FORMAT, quality: options.quality ?? capture.quality, deviceId: 'R307-SIM-1', template };
  return {
    idNumber: options.idNumber,
    sessionId,
    capture: { format: CAPTURE_FORMAT, quality: fields.quality, deviceId: fields.deviceId, template, signature: kiosk.signCapture(fields) },
  };
}

/** Fingerprint verification for a lab person: the token the journeys need. */
export async function verifyByFingerprint(kiosk: TestKiosk, who: LabPerson): Promise<string> {
  const answer = await kiosk.call('/v1/citizens/verifications/fingerprint', {
    body: fingerprintBody(kiosk, { idNumber: who.idNumber, personId: who.personId, finger: who.fingers[0] ?? 'rightIndex' }),
  });
  if (answer.status !== 200) throw new Error(`fingerprint verification failed: ${JSON.stringify(answer.body)}`);
  return (answer.body as { verificationToken: string }).verificationToken;
}
