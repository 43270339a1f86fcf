import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { backgroundClock } from '../../../common/time';
import type { Clock } from '../../../common/time';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log';
import { appendAudit } from '../store/auditLog';
import { readIdentity, writeIdentity } from '../store/identity';
import { resolveMasterKey } from '../store/masterKey';
import type { MasterKeyError } from '../store/masterKey';
import { openStore } from '../store/openStore';
import type { OpenedStore, OpenStoreError } from '../store/openStore';
import { Outbox } from '../store/outbox';
import { transactionIds } from '../store/transactionId';
import { CentralClient } from './centralClient';
import type { CentralError } from './centralError';
import { enrol } from './enrolment';
import { IdentityKeeper, tlsFor } from './identityKeeper';
import { SyncService } from './syncService';
import type { SyncHooks } from './syncOptions';

export interface KioskData extends OpenedStore {
  outbox: Outbox;
  /** `<kioskId>-<ULID>`: an outbox event's key and an online call's Idempotency-Key. */
  newTransactionId: () => string;
}

type OpenKioskDataError = MasterKeyError | OpenStoreError;

/**
 * The kiosk's database and outbox. Opened whether or not central is
 * configured or reachable: events queue from the first boot on.
 */
export async function openKioskData(options: {
  config: Pick<KioskConfig, 'kioskId' | 'profile'>;
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
}): Promise<Result<KioskData, OpenKioskDataError>> {
  const clock = options.clock ?? backgroundClock;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const masterKey = await resolveMasterKey({ profile: options.config.profile, env: options.env, demoKeyFile: join(options.dataDir, 'store.key') });
  if (!masterKey.ok) return masterKey;
  const opened = await openStore({ path: join(options.dataDir, 'kiosk.db'), masterKey: masterKey.value, now: () => clock.now() });
  if (!opened.ok) return opened;
  const newTransactionId = transactionIds(options.config.kioskId, { now: () => clock.now() });
  const outbox = new Outbox(opened.value.store, opened.value.dataKey, { newTxId: newTransactionId, now: () => clock.now() });
  return ok({ ...opened.value, outbox, newTransactionId });
}

type StartSyncError = { type: 'notEnrolled' } | { type: 'enrolmentFailed'; error: CentralError };

interface StartSyncOptions {
  data: KioskData;
  config: KioskConfig & { central: { url: string } };
  /** The CA the kiosk was provisioned with (PEM): the only one trusted for central. */
  caPem: string;
  /** A one-time code, used only when the kiosk has no identity yet. */
  enrolmentCode?: string | undefined;
  hooks: SyncHooks;
  log: Logger;
  versions: Record<string, string>;
  clock?: Clock;
  random?: () => number;
  heartbeatIntervalMs?: number;
}

/** Loads (or enrols) the kiosk's identity, connects over mTLS, and starts the SyncService. */
export async function startSync(options: StartSyncOptions): Promise<Result<SyncService, StartSyncError>> {
  const { data, log } = options;
  const clock = options.clock ?? backgroundClock;
  let identity = await data.store.read((tx) => readIdentity(tx, data.masterKey));
  if (!identity) {
    if (!options.enrolmentCode) return err({ type: 'notEnrolled' });
    const enrolled = await enrol({
      centralUrl: options.config.central.url,
      caPem: options.caPem,
      enrolmentCode: options.enrolmentCode,
      subjectHint: options.config.kioskId,
      now: () => clock.now(),
    });
    if (!enrolled.ok) return err({ type: 'enrolmentFailed', error: enrolled.error });
    const fresh = enrolled.value;
    await data.store.write(function* (tx) {
      yield* writeIdentity(tx, data.masterKey, fresh);
      yield* appendAudit(tx, { actor: 'kiosk', action: 'kiosk.enrolled', detail: { kioskId: fresh.kioskId, notAfter: fresh.notAfter } }, clock.now());
    });
    log.info({ event: 'sync.enrolled', kioskId: fresh.kioskId, notAfter: fresh.notAfter }, 'kiosk enrolled with central');
    identity = fresh;
  }
  const client = new CentralClient({ baseUrl: options.config.central.url, tls: tlsFor(identity) });
  const keeper = new IdentityKeeper(identity, { store: data.store, masterKey: data.masterKey, client, now: () => clock.now() });
  const sync = new SyncService({
    store: data.store,
    outbox: data.outbox,
    client,
    identity: keeper,
    baseConfig: options.config,
    hooks: options.hooks,
    log,
    clock,
    versions: options.versions,
    ...(options.random ? { random: options.random } : {}),
    ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
  });
  await sync.start();
  return ok(sync);
}
