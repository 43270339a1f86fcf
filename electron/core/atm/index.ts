import { readFile } from 'node:fs/promises';
import { ok } from '../../../common/result';
import type { Clock } from '../../../common/time';
import { AtmDevices } from '../../../drivers/xfs4iot/atm';
import { XfsClient } from '../../../drivers/xfs4iot/client';
import type { XfsClientOptions } from '../../../drivers/xfs4iot/client';
import type { AtmConfig } from '../config/schema';
import type { Logger } from '../log';
import { createBankClient } from './bankClient';
import { AtmService } from './service';
import type { AtmReport } from './service';
import type { AtmReceiptSetting } from './ports';

export { AtmService } from './service';

interface OpenAtmOptions {
  readonly atm: AtmConfig;
  readonly log: Logger;
  /** Where the simulated station runs (demo): used instead of the configured publisher and bank host. */
  readonly endpoints?: { readonly publisherUrl: string; readonly bankHostUrl: string };
  /** The kiosk's clock: a card not taken in time is measured on it (the demo's skips ahead with the dock). */
  readonly clock?: Clock;
  /** Extra XFS4IoT client settings (specs shorten its timings). */
  readonly client?: Partial<XfsClientOptions>;
  readonly report?: (event: AtmReport) => void;
  /** What the kiosk prints on every receipt (its id, the portal's name, the support line); the paper's width is `atm.receiptWidthDots`. */
  readonly receipt: Omit<AtmReceiptSetting, 'widthDots'>;
}

/** The ATM of the configuration: its XFS4IoT publisher (by URL, or host and ports), the bank host and the PIN settings. */
export async function openAtm(options: OpenAtmOptions): Promise<AtmService> {
  const { atm, endpoints } = options;
  const bankUrl = endpoints?.bankHostUrl ?? atm.bankHost.url;
  if (!bankUrl) throw new Error('ATM mode needs the bank host’s URL (atm.bankHost.url)');
  const caPem = atm.bankHost.caFile ? [await readFile(atm.bankHost.caFile, 'utf8')] : undefined;
  const publisherUrl = endpoints?.publisherUrl ?? atm.publisher.url;
  const discovery: XfsClientOptions = publisherUrl
    ? { candidates: [publisherUrl] }
    : { host: atm.publisher.host, ...(atm.publisher.ports ? { ports: atm.publisher.ports } : {}) };
  return new AtmService({
    connect: async () => {
      const client = await XfsClient.connect({ ...discovery, ...options.client });
      return client.ok ? ok(new AtmDevices(client.value, options.clock ? { clock: options.clock } : {})) : client;
    },
    bank: createBankClient({ url: bankUrl, ...(caPem ? { caPem } : {}) }),
    settings: { pinBlockFormat: atm.pinBlockFormat, pinLength: atm.pinLength, takeTimeoutMs: atm.takeTimeoutMs },
    log: options.log,
    ...(options.report ? { report: options.report } : {}),
    receipt: { ...options.receipt, widthDots: atm.receiptWidthDots },
  });
}
