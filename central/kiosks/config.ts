import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { KioskCentralConfig } from '../../common/wire/kiosk';
import { defaultSessionTimings, demoBranding } from '../../common/demo/kioskDefaults';
import type { RulesConfig } from '../../common/rules';
import { rolloutSchema } from '../../common/wire/updates';

interface KioskConfigStoreOptions {
  /**
   * The rollout an operator edits (common/wire/updates.ts, JSON): read again
   * whenever it changes on disk, so the next heartbeat carries a new config
   * version. Missing: no rollout. Invalid: the last valid one stays.
   */
  rolloutFile?: string;
  onRolloutInvalid?: (detail: string) => void;
  /** The service catalogue's version (GET /v1/kiosks/catalogue): a new catalogue is a new configuration. */
  catalogueVersion?: string;
}

type ConfigBody = Omit<KioskCentralConfig, 'configVersion'>;

/** The configuration pushed to kiosks; its version is a digest of the content, so it changes exactly when the content does. */
export class KioskConfigStore {
  private body: ConfigBody;
  private version = '';
  private rolloutSeen = '';

  constructor(
    rules: RulesConfig,
    private readonly options: KioskConfigStoreOptions = {},
  ) {
    this.body = {
      rules: {
        idNumberLuhnCheck: rules.idNumberLuhnCheck,
        otpLength: rules.otpLength,
        otpTtlSeconds: rules.otpTtlSeconds,
        otpMaxWrongEntries: rules.otpMaxWrongEntries,
        otpResendAfterSeconds: rules.otpResendAfterSeconds,
        otpMaxSendsPerHour: rules.otpMaxSendsPerHour,
        usernameMinLength: rules.username.minLength,
        usernameMaxLength: rules.username.maxLength,
        passwordMinLength: rules.password.minLength,
        passwordRequireSymbol: rules.password.requireSymbol,
        signInMaxFailures: rules.signInMaxFailures,
        signInLockMinutes: rules.signInLockMinutes,
        fingerprintMaxFailuresPerSession: rules.fingerprintMaxFailuresPerSession,
      },
      branding: { ...demoBranding, portalName: { ...demoBranding.portalName } },
      session: { ...defaultSessionTimings },
      outOfService: false,
      ...(options.catalogueVersion ? { catalogueVersion: options.catalogueVersion } : {}),
    };
    this.restamp();
    this.readRollout();
  }

  /** The rollout file again, if it changed since it was last read (its size and mtime). */
  private readRollout(): void {
    const file = this.options.rolloutFile;
    if (!file) return;
    let seen = 'absent';
    try {
      const stat = statSync(file);
      seen = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      // Missing: no rollout.
    }
    if (seen === this.rolloutSeen) return;
    this.rolloutSeen = seen;
    if (seen === 'absent') {
      if (this.body.updates) this.update(({ updates: _gone, ...body }) => body);
      return;
    }
    let parsed;
    try {
      parsed = rolloutSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      this.options.onRolloutInvalid?.(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!parsed.success) {
      this.options.onRolloutInvalid?.(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
      return;
    }
    const updates = parsed.data;
    this.update((body) => ({ ...body, updates }));
  }

  private restamp(): void {
    this.version = createHash('sha256').update(JSON.stringify(this.body)).digest('hex').slice(0, 16);
  }

  /** The body as it stands, not a copy: to compare, never to change. */
  peek(): Readonly<ConfigBody> {
    return this.body;
  }

  current(): KioskCentralConfig {
    this.readRollout();
    return { configVersion: this.version, ...structuredClone(this.body) };
  }

  get configVersion(): string {
    this.readRollout();
    return this.version;
  }

  get etag(): string {
    this.readRollout();
    return `"${this.version}"`;
  }

  update(change: (body: ConfigBody) => ConfigBody): KioskCentralConfig {
    this.body = change(structuredClone(this.body));
    this.restamp();
    return this.current();
  }
}
