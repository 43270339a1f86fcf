import type { Logger } from 'pino';
import type { FingerprintMatcher } from './biometrics/matcher';
import type { BankActivationRunner } from './citizens/bankActivationRunner';
import type { BankTrust } from './citizens/bankAttestation';
import type { DomainClock } from './clock';
import type { CatalogueStore } from './catalogue/store';
import type { KioskConfigStore } from './kiosks/config';
import type { KioskStatusBook } from './kiosks/statusBook';
import type { FaultSwitch } from './faults/switch';
import type { CentralOptions } from './options';
import type { CertificateAuthority } from './pki/authority';
import type { Database } from './store/database';

/** Everything a handler may reach. One per running server. */
export interface CentralContext {
  readonly options: CentralOptions;
  readonly db: Database;
  readonly ca: CertificateAuthority;
  readonly log: Logger;
  /** Milliseconds since the epoch (`clock.now`); tests move it to expire codes and locks. */
  readonly now: () => number;
  /** The domain clock behind `now`; `POST /dev/clock` moves it forward (demo profile). */
  readonly clock: DomainClock;
  readonly matcher: FingerprintMatcher;
  readonly kioskConfig: KioskConfigStore;
  /** The service catalogue kiosks fetch; its version is in the kiosk configuration. */
  readonly catalogue: CatalogueStore;
  readonly faults: FaultSwitch;
  readonly kioskStatus: KioskStatusBook;
  /** HMAC key for secrets at rest (credentials/keyed.ts). */
  readonly hashKey: Buffer;
  /** The bank keys whose signed attestations central accepts (options.trustedBanks). */
  readonly bankTrust: BankTrust;
  /** Completes pending_bank activations, one run at a time (periodic, `/dev/bank-activations/run`, the embedder). */
  readonly bankActivations: BankActivationRunner;
}
