import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { ConfigError, resolveConfig } from '../config/load';
import type { KioskConfig } from '../config/schema';
import { readConfiguration, writeConfiguration } from '../store/configuration';
import type { Store } from '../store/store';
import type { CentralError } from './centralError';
import { CentralDocument, type DocumentRefresh } from './centralDocument';
import type { ConfigFetch } from './centralClient';
import { answerSchema } from './route';
import type { RouteAnswer } from './route';

/** Central's overrides, read with the route's own schema; the merged result is validated again with the kiosk's config schema. */
const centralConfig = answerSchema('getKioskConfig');
export type CentralConfig = RouteAnswer<'getKioskConfig'>;

export interface AppliedConfig {
  version: string;
  /** The kiosk's whole configuration with central's overrides layered on, validated by the kiosk schema. */
  config: KioskConfig;
  /** Central's document as received (its `rules` are not part of the kiosk schema yet). */
  central: CentralConfig;
}

type RefreshOutcome = DocumentRefresh;

interface ConfigSource {
  config(etag: string | null): Promise<Result<ConfigFetch, CentralError>>;
}

/**
 * central's overrides over the kiosk's own configuration (defaults ← file ←
 * central). Only the keys both sides know are layered; the result must pass
 * the kiosk's schema as a whole, or nothing changes.
 */
function layerCentral(base: KioskConfig, body: unknown): Result<AppliedConfig, string[]> {
  const parsed = centralConfig.safeParse(body);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const central = parsed.data;
  try {
    const config = resolveConfig([base, { branding: central.branding, session: central.session, outOfService: central.outOfService }]);
    return ok({ version: central.configVersion, config, central });
  } catch (error) {
    if (error instanceof ConfigError) return err(error.issues.length ? error.issues : [error.message]);
    throw error;
  }
}

interface ConfigRefreshOptions {
  store: Store;
  source: ConfigSource;
  base: KioskConfig;
  now: () => number;
  /** The new configuration, after it is stored. Synchronous: the kiosk swaps it in one step. */
  onApplied: (applied: AppliedConfig) => void;
}

/**
 * Fetches central's configuration with the stored ETag; a new one is
 * validated, stored with an audit entry in one transaction, then handed to
 * the kiosk. A bad one is refused (audited) and the old one stays.
 */
export class ConfigRefresh {
  readonly #document: CentralDocument<AppliedConfig>;

  constructor(private readonly options: ConfigRefreshOptions) {
    const { store, base } = options;
    this.#document = new CentralDocument({
      name: 'config',
      store,
      now: options.now,
      kept: async () => {
        const current = await store.read((tx) => readConfiguration(tx));
        return current && { etag: current.etag, version: current.version, inUse: true };
      },
      validate: (body) => layerCentral(base, body),
      versionOf: (applied) => applied.version,
      claimedVersion: (body) => {
        const version = centralConfig.shape.configVersion.safeParse((body as { configVersion?: unknown } | null)?.configVersion);
        return version.success ? version.data : null;
      },
      keep: (tx, copy) => writeConfiguration(tx, { version: copy.document.version, etag: copy.etag, config: copy.body, appliedAt: copy.at }),
      use: (applied) => options.onApplied(applied),
    });
  }

  /** The configuration stored by an earlier run, re-validated (the kiosk schema may have moved on since). */
  async restore(): Promise<AppliedConfig | null> {
    const stored = await this.options.store.read((tx) => readConfiguration(tx));
    if (!stored) return null;
    const layered = layerCentral(this.options.base, stored.config);
    if (!layered.ok) return null;
    this.options.onApplied(layered.value);
    return layered.value;
  }

  async storedVersion(): Promise<string | null> {
    return (await this.options.store.read((tx) => readConfiguration(tx)))?.version ?? null;
  }

  refresh(): Promise<Result<RefreshOutcome, CentralError>> {
    return this.#document.refresh((etag) => this.options.source.config(etag));
  }
}
