import type { ServiceId } from '../contract';
import type { IconName } from '../components/icons';

export const serviceIcons: Record<ServiceId, IconName> = {
  register: 'userPlus',
  activate: 'userCheck',
  signIn: 'signIn',
  recoverPassword: 'key',
  recoverUsername: 'user',
  updateMobile: 'phone',
  changeEmail: 'mail',
  changePassword: 'password',
  changeAddress: 'mapPin',
  changeMobile: 'phone',
  visaStatus: 'travel',
  trafficViolations: 'car',
  documentValidity: 'document',
};
