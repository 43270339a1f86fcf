import { expect, it } from 'vitest';
import { devDockAtmFaultCommands, devDockAtmFaultKinds, devDockAtmNamedKeys, devDockAtmServices } from '../../contract/devDockAtm';
import { devDockCentralFaultModes, devDockDeviceFaultKinds, devDockFingerNames, devDockLabDevices } from '../../contract/devDockLab';
import { FAULT_MODES } from '../../../common/wire/dev';
import { FINGER_NAMES } from '../../../common/fingerprint/fingers';
import { ATM_FAULT_KINDS, ATM_SERVICES } from '../../../drivers/lab/atmFaults';
import { FAULT_KINDS, LAB_DEVICES } from '../../../drivers/lab/faults';
import { COMMANDS } from '../../../drivers/xfs4iot/messages';
import { NAMED_KEYS } from '../../../drivers/xfs4iot/simulator/epp';

// The contract may import neither drivers/ nor central/, so it keeps its own copies of these lists.
it("the contract's dock lists are the lab's and central's", () => {
  expect(devDockFingerNames).toEqual(FINGER_NAMES);
  expect(devDockDeviceFaultKinds).toEqual(FAULT_KINDS);
  expect(devDockLabDevices).toEqual(LAB_DEVICES);
  expect(devDockCentralFaultModes).toEqual(FAULT_MODES);
});

it("the contract's ATM lists are the ATM station's and the simulated EPP's", () => {
  expect(devDockAtmFaultKinds).toEqual(ATM_FAULT_KINDS);
  expect(devDockAtmServices).toEqual(ATM_SERVICES);
  expect(devDockAtmNamedKeys).toEqual(NAMED_KEYS);
  for (const command of devDockAtmFaultCommands) expect(Object.keys(COMMANDS)).toContain(command);
});
