import type { Logger } from 'pino';
import type { TrustedBank } from '../../../common/wire/bankAttestation';
import type { Clock } from '../../../common/time';
import { startBankHost } from '../../../drivers/bankHost/server';
import type { BankHostControl } from '../../../drivers/bankHost/server';
import { demoPinKey } from '../../../drivers/pinBlock/demoKeys';
import { encipherPinBlock } from '../../../drivers/pinBlock/pinBlock';
import { startSimulatedAtm } from '../../../drivers/xfs4iot/simulator';
import type { AtmControl } from '../../../drivers/xfs4iot/simulator';

/**
 * Demo only (`atm.simulated`): a simulated ATM (XFS4IoT publisher, card
 * reader, EPP under the DEVICES.md §5 demo keys, printer) and the simulated
 * bank host, in-process on 127.0.0.1. start.ts imports this file only when
 * asked for, so a production core never loads it. The lab's own station
 * (drivers/lab/atmStation.ts, with the dev dock's controls) has the same
 * shape and replaces it where it exists.
 */

export interface DemoAtmStation {
  readonly publisherUrl: string;
  readonly bankHostUrl: string;
  /** What central must trust for this bank host's attestations (the demo central trusts them already). */
  readonly trustedBanks: readonly TrustedBank[];
  readonly control: AtmControl;
  readonly bank: BankHostControl;
  close(): Promise<void>;
}

export async function startDemoAtmStation(options: { log: Logger; clock?: Clock; port?: number }): Promise<DemoAtmStation> {
  const atm = await startSimulatedAtm({
    // The EPP's cipher: real ISO 9564 blocks under the published demo keys (TEST ONLY).
    encipherPin: (pin, pan, format) => {
      const block = encipherPinBlock({ format, pin, pan, key: demoPinKey(format) });
      if (!block.ok) throw new Error(`the simulated EPP cannot encipher: ${block.error.type}`);
      return block.value;
    },
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const bank = await startBankHost({ log: options.log.child({ service: 'bank-host' }) });
  options.log.info({ event: 'atm.demoStation', publisher: atm.publisherUrl, bankHost: bank.url }, 'simulated ATM and bank host running');
  return {
    publisherUrl: atm.publisherUrl,
    bankHostUrl: bank.url,
    trustedBanks: bank.trustedBanks,
    control: atm.control,
    bank: bank.control,
    async close() {
      await Promise.all([atm.close(), bank.close()]);
    },
  };
}
