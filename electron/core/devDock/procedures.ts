import type { DevDockApi } from '../../contract/devDock';
import { KioskError } from '../../contract';
import type { DevDockService } from './service';

/**
 * The dock's procedures as KioskCore serves them. `current` answers the
 * service only while the profile is demo and a lab or embedded central runs;
 * otherwise every call is `not_allowed` and touches nothing.
 */
export function devDockProcedures(current: () => DevDockService | undefined): DevDockApi {
  const dock = (): DevDockService => {
    const service = current();
    if (!service) throw new KioskError('not_allowed', 'the dev dock exists only in the demo profile');
    return service;
  };
  return {
    devDockCatalogue: async () => dock().catalogue(),
    devDockState: async () => dock().state(),
    devDockReadSms: async (input) => dock().readSms(input),
    devDockInsertCard: async (input) => dock().insertCard(input),
    devDockTakeCard: async () => dock().takeCard(),
    devDockPlaceFinger: async (input) => dock().placeFinger(input),
    devDockLiftFinger: async () => dock().liftFinger(),
    devDockDeviceFault: async (input) => dock().deviceFault(input),
    devDockCentralFault: async (input) => dock().centralFault(input),
    devDockSkipTime: async (input) => dock().skipTime(input),
    devDockAtmCatalogue: async () => dock().atmCatalogue(),
    devDockAtmState: async () => dock().atmState(),
    devDockAtmInsertCard: async (input) => dock().atmInsertCard(input),
    devDockAtmTakeCard: async () => dock().atmTakeCard(),
    devDockAtmPressKeys: async (input) => dock().atmPressKeys(input),
    devDockAtmFault: async (input) => dock().atmFault(input),
    devDockAtmHeadset: async (input) => dock().atmHeadset(input),
    devDockAtmResetPinTries: async (input) => dock().atmResetPinTries(input),
    devDockRunBankActivations: async () => dock().runBankActivations(),
    devDockPrinterState: async () => dock().printerState(),
    devDockPrinterReceipt: async (input) => dock().printerReceipt(input),
    devDockPrinterFault: async (input) => dock().printerFault(input),
  };
}
