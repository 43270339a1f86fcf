import { createKioskI18n } from '../../app/i18n';
import { mergeMaintenanceMessages } from '../locales';
import ar from '../locales/ar.json';
import en from '../locales/en.json';

/** The kiosk's i18n with the maintenance messages already in (as the overlay has them once it shows), for rigs that mount a maintenance part on its own. */
export function createMaintenanceI18n() {
  const i18n = createKioskI18n();
  mergeMaintenanceMessages(i18n.global, { ar, en });
  return i18n;
}
