import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINGER_NAMES } from '../../../common/fingerprint/fingers';
import { type DockRig, startDockRig } from './testing/dockRig';

/** Right, wrong and unknown fingers on the lab's reader, as the dock's finger chooser places them. */
describe('dev dock: fingers', () => {
  let rig: DockRig;
  beforeAll(async () => {
    rig = await startDockRig();
  });
  afterAll(() => rig.close());

  it("the right finger is the person's own enrolled one", async () => {
    const faisal = rig.person((p) => p.idNumber === '1000000008');
    const placed = await rig.dock.placeFinger({ which: 'enrolled', personId: faisal.idNumber, finger: 'rightIndex' });
    expect(placed).toMatchObject({ ok: true, done: 'placed' });
    expect(placed.state.lab?.fingerprint.finger).toEqual({ personId: faisal.idNumber, finger: 'rightIndex', enrolled: true });
    expect(rig.lab.state().fingerprint).toMatchObject({ state: 'fingerOnGlass', finger: { person: faisal.idNumber, finger: 'right-index' } });
  });

  it("a wrong finger is the same finger of someone else in the lab, the same someone every time", async () => {
    const faisal = rig.person((p) => p.idNumber === '1000000008');
    const first = await rig.dock.placeFinger({ which: 'otherPerson', personId: faisal.idNumber, finger: 'leftThumb' });
    const other = first.state.lab?.fingerprint.finger;
    expect(other).toMatchObject({ finger: 'leftThumb', enrolled: true });
    expect(other?.personId).not.toBe(faisal.idNumber);
    const again = await rig.dock.placeFinger({ which: 'otherPerson', personId: faisal.idNumber, finger: 'leftThumb' });
    expect(again.state.lab?.fingerprint.finger).toEqual(other);
  });

  it("an unknown finger is one central holds for nobody: the person's unenrolled finger, or a stranger's", async () => {
    const partial = rig.person((p) => p.fingers.length < 10 && p.fingers.includes('rightIndex'));
    // The first unenrolled finger in the usual order, as chooseFinger picks it when the asked-for one is enrolled.
    const missing = FINGER_NAMES.find((f) => !partial.fingers.includes(f));
    if (!partial.fingers.includes('rightIndex')) throw new Error('this spec wants a person with the right index enrolled');
    const own = await rig.dock.placeFinger({ which: 'unknown', personId: partial.idNumber, finger: 'rightIndex' });
    expect(own.state.lab?.fingerprint.finger).toEqual({ personId: partial.idNumber, finger: missing, enrolled: false });

    const complete = rig.person((p) => p.fingers.length === 10);
    const stranger = await rig.dock.placeFinger({ which: 'unknown', personId: complete.idNumber, finger: 'rightIndex' });
    expect(stranger.state.lab?.fingerprint.finger).toEqual({ personId: null, finger: 'rightIndex', enrolled: false });
  });

  it('lifting the finger leaves the glass empty; placements are counted', async () => {
    const lifted = await rig.dock.liftFinger();
    expect(lifted).toMatchObject({ ok: true, done: 'lifted', state: { lab: { fingerprint: { finger: null } } } });
    expect(lifted.state.lab?.fingerprint.counters.placements).toBe(5);
  });

  it('a finger the person has not enrolled, or a person not in the lab, is invalid and changes nothing', async () => {
    const partial = rig.person((p) => p.fingers.length < 10);
    const missing = FINGER_NAMES.find((f) => !partial.fingers.includes(f));
    if (!missing) throw new Error('the lab person has every finger');
    const before = rig.lab.state();
    await expect(rig.dock.placeFinger({ which: 'enrolled', personId: partial.idNumber, finger: missing })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(rig.dock.placeFinger({ which: 'enrolled', personId: '1234567890', finger: 'rightIndex' })).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(rig.lab.state()).toEqual(before);
  });

  it('logs whose finger by last 4 only', () => {
    const log = rig.logLines.join('');
    expect(log).toContain('devDock.placeFinger');
    for (const person of rig.lab.population.people) expect(log).not.toContain(person.idNumber);
  });
});
