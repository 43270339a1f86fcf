import { expect, it } from 'vitest';
import { devDockCentralFaultModes, devDockDeviceFaultKinds, devDockFingerNames, devDockLabDevices } from '../../contract/devDock';
import { FAULT_MODES } from '../../../common/wire/dev';
import { FINGER_NAMES } from '../../../common/fingerprint/fingers';
import { FAULT_KINDS, LAB_DEVICES } from '../../../drivers/lab/faults';

// The contract may import neither drivers/ nor central/, so it keeps its own copies of these lists.
it("the contract's dock lists are the lab's and central's", () => {
  expect(devDockFingerNames).toEqual(FINGER_NAMES);
  expect(devDockDeviceFaultKinds).toEqual(FAULT_KINDS);
  expect(devDockLabDevices).toEqual(LAB_DEVICES);
  expect(devDockCentralFaultModes).toEqual(FAULT_MODES);
});
