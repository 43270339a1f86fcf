import { CatalogueStore } from './catalogue/store';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { syntheticMatcher } from './biometrics/matcher';
import { completeBankActivations } from './citizens/activation';
import { BankActivationRunner } from './citizens/bankActivationRunner';
import { BankTrust } from './citizens/bankAttestation';
import { recentSms, type SmsRecord } from './dev/sms';
import { DomainClock } from './clock';
import { openHashKey } from './credentials/keyed';
import type { CentralContext } from './context';
import type { FaultSetting } from '../common/wire/dev';
import type { CommandType, KioskCommand } from '../common/wire/kiosk';
import { FaultSwitch } from './faults/switch';
import { buildApp } from './app';
import { KioskConfigStore } from './kiosks/config';
import { KioskStatusBook } from './kiosks/statusBook';
import { issueEnrolmentCode, revokeKiosk } from './kiosks/enrolment';
import { queueCommand } from './kiosks/heartbeat';
import { type CentralOptionsInput, readOptions } from './options';
import { openCertificateAuthority } from './pki/authority';
import { issueCertificate } from './pki/issue';
import { generateKeyPair, privateKeyToPem } from './pki/x509';
import type { RulesConfig } from '../common/rules';
import { type Database, parseDatabaseLocation } from './store/database';
import { openDatabase } from './store/openDatabase';
import { isDemoDataDir, markDemoDataDir } from './store/demo';
import { SEEDED_DEMO_SCRYPT_N, seedPopulation, upgradeSeededRegistry } from './store/seed';
import { prepareTechnicians, seedTechnicians } from './technicians/technicians';
import { endLapsedChallenges } from './citizens/challenges';
import { dropEndedRateLimitWindows } from './http/rateLimitStore';

export interface StartCentralOptions extends CentralOptionsInput {
  /** Overrides of the RULES.md defaults (OTP length, lock period, …). */
  readonly rules?: Partial<RulesConfig>;
  /** The domain clock's base (OTP expiry, locks, tokens; `POST /dev/clock` adds to it); TLS certificate dates always use real time. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

export interface RunningCentral {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly caCertPem: string;
  readonly caCertPath: string;
  readonly db: Database;
  readonly context: CentralContext;
  readonly app: FastifyInstance;
  issueEnrolmentCode(): Promise<string>;
  queueCommand(kioskId: string, type: CommandType, reason?: string): Promise<KioskCommand | null>;
  revokeKiosk(kioskId: string): Promise<number>;
  setFault(setting: FaultSetting): FaultSetting;
  /** The demo SMS outbox, newest first (what the /dev routes read; empty outside the demo). */
  recentSms(limit: number): Promise<SmsRecord[]>;
  /** Finish pending_bank activations now (the ATM journey's asynchronous half). */
  completeBankActivations(): Promise<number>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const BANK_ACTIVATION_POLL_MS = 1000;
const CHALLENGE_SWEEP_MS = 60_000;

/** Starts the reference central server: CA (created on first start), registry (seeded on first start), HTTPS with mTLS on 127.0.0.1. */
export async function startCentral(input: StartCentralOptions): Promise<RunningCentral> {
  const { rules, now, logger, ...rest } = input;
  const options = readOptions(rest, rules);
  const log = logger ?? pino({ name: 'central', level: options.logLevel }, pino.destination(2));
  const clock = new DomainClock(now);

  const ca = await openCertificateAuthority(options.dataDir);
  // The server's own key and certificate are fresh every start: nothing to protect on disk.
  const serverKeys = await generateKeyPair();
  const serverCertificate = await issueCertificate(
    ca,
    serverKeys.publicKey,
    { role: 'server', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'] },
    { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + options.serverCertificateDays * DAY_MS) },
  );

  const db = await openDatabase(options.database === undefined ? { engine: 'sqlite', path: join(options.dataDir, 'central.sqlite') } : parseDatabaseLocation(options.database));
  if (options.profile === 'demo') {
    await markDemoDataDir(db);
    const seeded = await seedPopulation(db, { seed: options.populationSeed, size: options.populationSize, cost: { N: Math.min(options.scryptCost, SEEDED_DEMO_SCRYPT_N), r: 8, p: 1 }, now: clock.now(), cacheDir: options.seedCacheDir });
    if (seeded) log.info({ people: seeded }, 'registry seeded with the lab population');
    const upgraded = await upgradeSeededRegistry(db, { seed: options.populationSeed, size: options.populationSize, now: clock.now() });
    if (upgraded) log.info({ people: upgraded }, 'registry seeded before migration 7: the inquiries\' records added');
    await seedTechnicians(db, { N: Math.min(options.scryptCost, SEEDED_DEMO_SCRYPT_N), r: 8, p: 1 });
  } else if (await isDemoDataDir(db)) {
    // The demo population's passwords are public: a production central never serves them.
    await db.close();
    throw new Error(`${options.database ?? options.dataDir} holds a demo-profile database (public demo passwords, SMS codes in clear); start production on its own data dir`);
  }

  const catalogue = new CatalogueStore();
  const kioskConfig = new KioskConfigStore(options.rules, {
    catalogueVersion: catalogue.catalogueVersion,
    // The rollout an operator edits in the data dir (central/README.md, "Rolling out a kiosk release").
    rolloutFile: join(options.dataDir, 'rollout.json'),
    onRolloutInvalid: (detail) => log.error({ detail }, 'rollout.json ignored: the last valid rollout stays'),
  });
  // A new catalogue is a new configuration: kiosks refetch both.
  catalogue.onChange((catalogueVersion) => kioskConfig.update((body) => ({ ...body, catalogueVersion })));
  const context: CentralContext = {
    options,
    db,
    ca,
    log,
    now: clock.now,
    clock,
    matcher: syntheticMatcher(options.matchThreshold),
    kioskConfig,
    catalogue,
    faults: new FaultSwitch(),
    kioskStatus: new KioskStatusBook(db, 1000, (error) => log.error({ err: error }, 'kiosk status flush failed')),
    hashKey: await openHashKey(options.dataDir),
    bankTrust: await BankTrust.load(options.trustedBanks),
    bankActivations: new BankActivationRunner((run) => completeBankActivations(context, run)),
  };
  await prepareTechnicians(context);
  const app = await buildApp(context, { key: await privateKeyToPem(serverKeys.privateKey), cert: serverCertificate.certificatePem, ca: ca.certificatePem });
  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const timer = setInterval(() => context.bankActivations.tick((error) => log.error({ err: error }, 'bank activation run failed')), BANK_ACTIVATION_POLL_MS);
  timer.unref();
  // Pending changes whose time is up lose what they carried (a new password's hash, an e-mail, a mobile) even if nobody comes back.
  const sweep = setInterval(
    () => {
      void context.db.transaction((tx) => endLapsedChallenges(tx, context)).catch((error: unknown) => log.error({ err: error }, 'lapsed challenge sweep failed'));
      void dropEndedRateLimitWindows(context.db).catch((error: unknown) => log.error({ err: error }, 'rate-limit sweep failed'));
    },
    CHALLENGE_SWEEP_MS,
  );
  sweep.unref();

  log.info({ url: `https://127.0.0.1:${port}`, profile: options.profile, trustedBankKeys: context.bankTrust.size }, 'central listening');
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    caCertPem: ca.certificatePem,
    caCertPath: ca.certificatePath,
    db,
    context,
    app,
    issueEnrolmentCode: async () => (await issueEnrolmentCode(context)).enrolmentCode,
    queueCommand: (kioskId, type, reason) => queueCommand(context, kioskId, type, reason),
    revokeKiosk: (kioskId) => revokeKiosk(context, kioskId),
    setFault: (setting) => context.faults.set(setting),
    recentSms: async (limit) => {
      const messages = await recentSms(context, undefined, limit);
      // Only a mobile filter can be malformed, and none is given.
      return messages === 'badMobile' ? [] : messages;
    },
    completeBankActivations: () => context.bankActivations.run({ waitOver: true }),
    close: async () => {
      clearInterval(timer);
      clearInterval(sweep);
      await app.close();
      await context.bankActivations.close();
      await context.kioskStatus.close();
      await db.close();
    },
  };
}
