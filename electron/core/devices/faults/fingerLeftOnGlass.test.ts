import { afterEach, expect, it } from 'vitest';
import { captureFinger, encodeCharFile, MATCH_THRESHOLD, matchCharFiles } from '../../../../drivers/fingerprint/synthetic';
import type { PersonGuidance } from '../fingerprint/guidance';
import { eventually, type LabRig, startLabRig } from '../testing/labRig';

/**
 * Fault: the last person's finger is still on the glass when the next
 * capture begins. The device must not turn it into a capture package (so
 * nothing can reach central to be matched or counted): the person is asked
 * to lift, and only a finger placed once the glass was seen clear is taken.
 */

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const personOf = (r: LabRig, index: number): string => {
  const found = r.lab.people[index];
  if (!found) throw new Error(`no person ${index}`);
  return found.idNumber;
};

it('a finger left on the glass is not captured: "lift", then glassNotClear if it stays, and no package', async () => {
  const r = (rig = await startLabRig());
  const { fingerprint } = r.devices;
  await eventually(() => fingerprint.status === 'online', 'online after start');
  expect((await r.control('/fingerprint/place', { person: personOf(r, 1), finger: 'right-index' })).status).toBe(200);

  const guidance: PersonGuidance[] = [];
  const captured = await fingerprint.capture({ timeoutMs: 5_000, onGuidance: (g) => guidance.push(g) });
  expect(captured).toEqual({ ok: false, error: { type: 'glassNotClear' } });
  expect(guidance).toEqual(['liftAndPlaceAgain']);
  expect(fingerprint.status).toBe('online');
});

it('once the left finger is lifted, the next person places theirs when asked, and only theirs is in the package', async () => {
  const r = (rig = await startLabRig());
  const { fingerprint } = r.devices;
  await eventually(() => fingerprint.status === 'online', 'online after start');
  const previous = personOf(r, 1);
  const next = personOf(r, 0);
  expect((await r.control('/fingerprint/place', { person: previous, finger: 'right-index' })).status).toBe(200);

  const guidance: PersonGuidance[] = [];
  const steps: Promise<unknown>[] = [];
  const captured = await fingerprint.capture({
    onGuidance: (g) => {
      guidance.push(g);
      if (g === 'liftAndPlaceAgain') steps.push(r.control('/fingerprint/lift', {}));
      if (g === 'placeFinger') steps.push(r.control('/fingerprint/place', { person: next, finger: 'right-index' }));
    },
  });
  await Promise.all(steps);
  if (!captured.ok) throw new Error(JSON.stringify(captured.error));
  expect(guidance).toEqual(['liftAndPlaceAgain', 'placeFinger', 'holdStill', 'captured']);

  const template = Uint8Array.from(Buffer.from(captured.value.template, 'base64'));
  const theirs = matchCharFiles(encodeCharFile(captureFinger({ personId: next, finger: 'rightIndex' }, 4242)), template);
  const left = matchCharFiles(encodeCharFile(captureFinger({ personId: previous, finger: 'rightIndex' }, 4242)), template);
  expect(theirs.ok && theirs.value.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  expect(left.ok && left.value.score).toBeLessThan(MATCH_THRESHOLD);
});
