import { createHash } from 'node:crypto';
import type { KioskCentralConfig } from '../../common/wire/kiosk';
import { defaultSessionTimings, demoBranding } from '../../common/demo/kioskDefaults';
import type { RulesConfig } from '../../common/rules';

type ConfigBody = Omit<KioskCentralConfig, 'configVersion'>;

/** The configuration pushed to kiosks; its version is a digest of the content, so it changes exactly when the content does. */
export class KioskConfigStore {
  private body: ConfigBody;
  private version = '';

  constructor(rules: RulesConfig, catalogueVersion?: string) {
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
      ...(catalogueVersion ? { catalogueVersion } : {}),
    };
    this.restamp();
  }

  private restamp(): void {
    this.version = createHash('sha256').update(JSON.stringify(this.body)).digest('hex').slice(0, 16);
  }

  current(): KioskCentralConfig {
    return { configVersion: this.version, ...structuredClone(this.body) };
  }

  get configVersion(): string {
    return this.version;
  }

  get etag(): string {
    return `"${this.version}"`;
  }

  update(change: (body: ConfigBody) => ConfigBody): KioskCentralConfig {
    this.body = change(structuredClone(this.body));
    this.restamp();
    return this.current();
  }
}

/** If-None-Match may list several tags, or be a weak tag, or *. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
