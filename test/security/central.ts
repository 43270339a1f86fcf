import { afterAll, beforeAll } from 'vitest';
import { startTestCentral, type TestCentral } from '../../central/testing/harness';
import { TestKiosk } from '../../central/testing/kioskClient';
import { SEEDED_DEMO_SCRYPT_N, seedPopulation } from '../../central/store/seed';
import { RawClient } from './rawClient';

/**
 * A production-profile central on 127.0.0.1, as `npm run central` starts it,
 * plus an enrolled kiosk. `registry: true` loads the lab population straight
 * into its registry (a test fixture: production itself never seeds it).
 */
export interface Target {
  central: TestCentral;
  kiosk: TestKiosk;
  /** No client certificate. */
  anonymous: RawClient;
  /** The enrolled kiosk's certificate. */
  enrolled: RawClient;
}

export function productionCentral(options: { registry?: boolean; start?: Parameters<typeof startTestCentral>[0] } = {}): Target {
  const target = {} as Target;
  beforeAll(async () => {
    target.central = await startTestCentral({ profile: 'production', ...options.start });
    if (options.registry) await seedPopulation(target.central.db, { seed: 20_300, size: 60, cost: { N: SEEDED_DEMO_SCRYPT_N, r: 8, p: 1 }, now: target.central.context.now() });
    target.kiosk = await TestKiosk.create(target.central.url, target.central.caCertPem);
    const enrolled = await target.kiosk.enrol(await target.central.issueEnrolmentCode());
    if (enrolled.status !== 201) throw new Error(`enrolment failed: ${JSON.stringify(enrolled.body)}`);
    target.anonymous = new RawClient({ port: target.central.port, caCertPem: target.central.caCertPem });
    target.enrolled = new RawClient({ port: target.central.port, caCertPem: target.central.caCertPem, cert: target.kiosk.certificatePem, key: target.kiosk.keyPem });
  });
  afterAll(async () => {
    target.anonymous?.close();
    target.enrolled?.close();
    await target.kiosk?.close();
    await target.central?.stop();
  });
  return target;
}

