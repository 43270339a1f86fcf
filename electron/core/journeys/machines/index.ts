import type { AnyJourneyService } from '../../../contract/journeys';
import { activateMachine } from './activate';
import { atmMachine } from './atm';
import { changeAddressMachine } from './changeAddress';
import { changeEmailMachine } from './changeEmail';
import { changeMobileMachine } from './changeMobile';
import { changePasswordMachine } from './changePassword';
import { recoverPasswordMachine } from './recoverPassword';
import { recoverUsernameMachine } from './recoverUsername';
import { registerMachine } from './register';
import { signInMachine } from './signIn';
import { updateMobileMachine } from './updateMobile';

/** One machine per journey; all share the setup in ../setup.ts, so the runner treats them alike. */
export const journeyMachines = {
  register: registerMachine,
  activate: activateMachine,
  signIn: signInMachine,
  recoverPassword: recoverPasswordMachine,
  recoverUsername: recoverUsernameMachine,
  updateMobile: updateMobileMachine,
  changePassword: changePasswordMachine,
  changeEmail: changeEmailMachine,
  changeMobile: changeMobileMachine,
  changeAddress: changeAddressMachine,
  atm: atmMachine,
} as const satisfies Record<AnyJourneyService, unknown>;

export type JourneyMachine = (typeof journeyMachines)[AnyJourneyService];
