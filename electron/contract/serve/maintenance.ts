import { z } from 'zod';
import { maintenanceActions } from '../maintenance';
import { languages } from '../session';
import { noInput } from './noInput';

/** Digits only: the pad has nothing else. The core checks the technician's number against its own rule again. */
export const maintenanceProcedureSchemas = {
  maintenanceGesture: noInput,
  maintenanceSubmitPin: z
    .object({ pin: z.string().regex(/^[0-9]{4,8}$/), technicianId: z.string().regex(/^[0-9]{1,9}$/).optional() })
    .strict(),
  maintenanceCancel: noInput,
  maintenanceActivity: noInput,
  maintenanceSetLanguage: z.object({ language: z.enum(languages) }).strict(),
  maintenanceAction: z.object({ action: z.enum(maintenanceActions) }).strict(),
  maintenanceLeave: noInput,
} as const;
