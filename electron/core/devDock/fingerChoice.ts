import type { DevDockPlaceFingerInput } from '../../contract/devDockLab';
import { KioskError } from '../../contract';
import { assertNever } from '../../../common/result';
import type { VirtualFinger } from '../../../common/fingerprint/fingers';
import { FINGER_NAMES } from '../../../common/fingerprint/fingers';
import type { LabPerson, LabPopulation } from '../../../common/demo/population';

/**
 * Someone the registry has never seen. The synthetic prints are seeded by
 * person id, so any id outside the population gives fingers central cannot match.
 */
export const STRANGER_ID = 'lab-stranger';

function personOf(population: LabPopulation, idNumber: string): LabPerson {
  const person = population.people.find((p) => p.idNumber === idNumber);
  if (!person) throw new KioskError('invalid_argument', 'no such person in the lab');
  return person;
}

/** Which finger goes on the glass for "right", "wrong" or "unknown". */
export function chooseFinger(population: LabPopulation, input: DevDockPlaceFingerInput): VirtualFinger {
  const person = personOf(population, input.personId);
  switch (input.which) {
    case 'enrolled':
      if (!person.fingers.includes(input.finger)) throw new KioskError('invalid_argument', 'that finger is not enrolled for this person');
      return { personId: person.idNumber, finger: input.finger };
    case 'otherPerson': {
      // The next person in the population with that finger enrolled: the same one every time, so demos repeat.
      const start = population.people.indexOf(person);
      const count = population.people.length;
      for (let step = 1; step < count; step += 1) {
        const other = population.people[(start + step) % count];
        if (other?.fingers.includes(input.finger)) return { personId: other.idNumber, finger: input.finger };
      }
      throw new KioskError('invalid_argument', 'nobody else in the lab has that finger enrolled');
    }
    case 'unknown': {
      const unenrolled = person.fingers.includes(input.finger) ? FINGER_NAMES.find((name) => !person.fingers.includes(name)) : input.finger;
      return unenrolled ? { personId: person.idNumber, finger: unenrolled } : { personId: STRANGER_ID, finger: input.finger };
    }
    default:
      return assertNever(input, 'finger choice');
  }
}
