import { expect, it } from 'vitest';
import type { CaptureGuidance } from '../../../../drivers/fingerprint/driver';
import { guidanceForPerson, guidanceRelay, type PersonGuidance } from './guidance';

it('tells the person what to do, once per change, whatever the driver repeats', () => {
  const told: PersonGuidance[] = [];
  const tell = guidanceRelay((g) => told.push(g));
  const fromDriver: CaptureGuidance[] = ['waiting', 'waiting', 'noFinger', 'imageCaptured', 'poorQuality', 'liftAndPlaceAgain', 'waiting', 'imageCaptured'];
  for (const guidance of fromDriver) tell(guidanceForPerson(guidance));
  expect(told).toEqual(['placeFinger', 'holdStill', 'poorQuality', 'liftAndPlaceAgain', 'placeFinger', 'holdStill']);
});

it('asks for a finger left on the glass at the start to be lifted, and only then to be placed', () => {
  const told: PersonGuidance[] = [];
  const tell = guidanceRelay((g) => told.push(g));
  for (const guidance of ['liftFinger', 'waiting', 'imageCaptured'] as const) tell(guidanceForPerson(guidance));
  expect(told).toEqual(['liftAndPlaceAgain', 'placeFinger', 'holdStill']);
});
