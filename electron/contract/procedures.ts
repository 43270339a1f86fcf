import type { CatalogueView, ServiceProcedureInputs } from './catalogue';
import { devDockProcedureNames } from './devDock';
import type { DevDockProcedureInputs, DevDockProcedureOutputs } from './devDock';
import { diagnosticsProcedureNames } from './diagnostics';
import type { DiagnosticsProcedureInputs, DiagnosticsProcedureOutputs } from './diagnostics';
import type { JourneyProcedureInputs } from './journeys';
import { maintenanceProcedureNames } from './maintenance';
import type { MaintenanceProcedureInputs } from './maintenance';
import type { NoInput } from './noInput';
import type { ReceiptProcedureInputs } from './receipts';
import type { KioskSnapshot } from './snapshot';
import type { Language, SpeechVolume } from './session';

/**
 * What the renderer may ask of the core: one argument each. The core checks
 * every call against its schema (serve/procedures.ts) before any handler
 * runs, and refuses a field it does not know rather than ignoring it. The
 * journeys' procedures come from journeys.ts; the dev dock's (demo only: the
 * core refuses them elsewhere) from devDock.ts.
 */
export interface ProcedureInputs extends JourneyProcedureInputs, ReceiptProcedureInputs, ServiceProcedureInputs, DevDockProcedureInputs, DiagnosticsProcedureInputs, MaintenanceProcedureInputs {
  getSnapshot: NoInput;
  startSession: { trigger: 'touch' | 'card' };
  /** The person touched the screen: restarts the idle clock. */
  reportActivity: NoInput;
  /** "More time" in the idle warning. */
  extendSession: NoInput;
  endSession: { reason: 'cancel' | 'completed' };
  setLanguage: { language: Language };
  /** At least one of them (the core refuses an empty change). */
  setAccessibility: { highContrast?: boolean; largeText?: boolean; speech?: boolean; volume?: SpeechVolume };
}

export type ProcedureName = keyof ProcedureInputs;
export type ProcedureInput<P extends ProcedureName> = ProcedureInputs[P];

// A record rather than a list, so the compiler insists on every procedure exactly once.
const everyKioskProcedure: Record<Exclude<ProcedureName, keyof DevDockProcedureInputs | keyof DiagnosticsProcedureInputs | keyof MaintenanceProcedureInputs>, true> = {
  getSnapshot: true,
  startSession: true,
  reportActivity: true,
  extendSession: true,
  endSession: true,
  setLanguage: true,
  setAccessibility: true,
  startJourney: true,
  journeyEvent: true,
  cancelJourney: true,
  printReceipt: true,
  sendReceiptSms: true,
  getCatalogue: true,
  startService: true,
  serviceEvent: true,
  closeService: true,
};
export const procedureNames: readonly ProcedureName[] = [...(Object.keys(everyKioskProcedure) as ProcedureName[]), ...maintenanceProcedureNames, ...devDockProcedureNames, ...diagnosticsProcedureNames];

interface ProcedureOutputs extends DevDockProcedureOutputs, DiagnosticsProcedureOutputs {
  getSnapshot: KioskSnapshot;
  startSession: KioskSnapshot;
  reportActivity: { session: boolean };
  extendSession: KioskSnapshot;
  endSession: KioskSnapshot;
  setLanguage: KioskSnapshot;
  setAccessibility: KioskSnapshot;
  startJourney: KioskSnapshot;
  journeyEvent: KioskSnapshot;
  cancelJourney: KioskSnapshot;
  printReceipt: KioskSnapshot;
  sendReceiptSms: KioskSnapshot;
  maintenanceGesture: KioskSnapshot;
  maintenanceSubmitPin: KioskSnapshot;
  maintenanceCancel: KioskSnapshot;
  maintenanceActivity: KioskSnapshot;
  maintenanceSetLanguage: KioskSnapshot;
  maintenanceAction: KioskSnapshot;
  maintenanceLeave: KioskSnapshot;
  getCatalogue: CatalogueView;
  startService: KioskSnapshot;
  serviceEvent: KioskSnapshot;
  closeService: KioskSnapshot;
}

/** The core's API as the renderer sees it. */
export type KioskApi = {
  [P in ProcedureName]: (input: ProcedureInput<P>) => Promise<ProcedureOutputs[P]>;
};
