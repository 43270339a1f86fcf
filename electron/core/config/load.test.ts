import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfig } from './load';
import { defaultConfig } from './schema';

describe('configuration', () => {
  it('defaults are a valid demo configuration in Arabic-first government mode', () => {
    const config = resolveConfig([]);
    expect(config).toEqual(defaultConfig);
    expect(config.session.idleWarningAfterMs).toBe(60_000);
    expect(config.session.idleCountdownMs).toBeGreaterThanOrEqual(20_000);
  });

  it('layers merge: file over defaults, overrides over file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ kioskId: 'RUH-0042', session: { idleWarningAfterMs: 90_000 } }));
    const config = await loadConfig({ file, overrides: { session: { extensionsAllowed: 12 } } });
    expect(config.kioskId).toBe('RUH-0042');
    expect(config.session).toMatchObject({ idleWarningAfterMs: 90_000, extensionsAllowed: 12, idleCountdownMs: 30_000 });
  });

  it('a production kiosk refuses a countdown under 20 s or fewer than 10 extensions', () => {
    expect(() => resolveConfig([{ profile: 'production', session: { idleCountdownMs: 5_000 } }])).toThrow(/at least 20 s/);
    expect(() => resolveConfig([{ profile: 'production', session: { extensionsAllowed: 3 } }])).toThrow(/at least 10/);
  });

  it('unknown keys and wrong types are refused with where they are', () => {
    const attempt = () => resolveConfig([{ session: { idleWarningAfterMs: 'soon' }, colour: 'red' }]);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/session\.idleWarningAfterMs/);
  });

  it('a missing or broken file is a clear ConfigError', async () => {
    await expect(loadConfig({ file: '/nonexistent/kiosk.json' })).rejects.toThrow(/cannot read configuration file/);
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    await expect(loadConfig({ file: join(dir, 'bad.json') })).rejects.toThrow(/not valid JSON/);
  });

  it('prototype keys in a layer are ignored', () => {
    const config = resolveConfig([JSON.parse('{"__proto__": {"polluted": true}}')]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.kioskId).toBe(defaultConfig.kioskId);
  });
});

describe('ATM mode configuration', () => {
  const bankHost = { url: 'https://bank-host.bank.example:8443', caFile: '/etc/kiosk/bank-ca.pem' };
  /** What a production ATM needs besides the atm section: a fixed store and the real central. */
  const production = { profile: 'production', mode: 'atm', store: { dataDir: '/var/lib/kiosk' }, central: { url: 'https://central.example', caFile: '/etc/kiosk/ca.pem' } };

  it('names the publisher, the bank host, the PIN block format, PIN lengths and the take time; a government kiosk ignores it', () => {
    expect(resolveConfig([]).atm).toEqual({
      publisher: { url: null, host: 'localhost', ports: null },
      bankHost: { url: null, caFile: null },
      pinBlockFormat: 'iso0',
      pinLength: { min: 4, max: 12 },
      takeTimeoutMs: 30_000,
      receiptWidthDots: 576,
      simulated: false,
    });
    const atm = resolveConfig([{ mode: 'atm', atm: { publisher: { url: 'ws://127.0.0.1:5846/xfs4iot/v1.0/' }, bankHost: { url: 'http://127.0.0.1:7000' }, pinBlockFormat: 'iso4', pinLength: { min: 4, max: 6 } } }]);
    expect(atm.atm).toMatchObject({ publisher: { url: 'ws://127.0.0.1:5846/xfs4iot/v1.0/' }, pinBlockFormat: 'iso4', pinLength: { min: 4, max: 6 } });
  });

  it('refuses an ATM without a bank host (unless the demo simulates one), PIN lengths outside 4–12 or upside down, and a publisher that is not ws(s)', () => {
    expect(() => resolveConfig([{ mode: 'atm' }])).toThrow(/atm\.bankHost\.url: ATM mode needs the bank host/);
    expect(resolveConfig([{ mode: 'atm', atm: { simulated: true } }]).atm.simulated).toBe(true);
    expect(() => resolveConfig([{ atm: { pinLength: { min: 3, max: 12 } } }])).toThrow(/atm\.pinLength\.min/);
    expect(() => resolveConfig([{ atm: { pinLength: { min: 4, max: 13 } } }])).toThrow(/atm\.pinLength\.max/);
    expect(() => resolveConfig([{ atm: { pinLength: { min: 8, max: 6 } } }])).toThrow(/more than/);
    expect(() => resolveConfig([{ atm: { publisher: { url: 'http://127.0.0.1:5846/xfs4iot/v1.0/' } } }])).toThrow(/atm\.publisher\.url/);
    expect(() => resolveConfig([{ atm: { pinBlockFormat: 'iso3' } }])).toThrow(/atm\.pinBlockFormat/);
  });

  it('production refuses a simulated ATM and the demo’s bank host (loopback, plain http, no CA) the way it refuses simulated devices', () => {
    expect(resolveConfig([production, { atm: { bankHost } }]).atm.bankHost).toEqual(bankHost);
    expect(() => resolveConfig([production, { atm: { bankHost, simulated: true } }])).toThrow(/atm\.simulated: production never runs a simulated ATM/);
    expect(() => resolveConfig([production, { atm: { bankHost: { ...bankHost, url: 'http://bank-host.bank.example' } } }])).toThrow(/https only/);
    expect(() => resolveConfig([production, { atm: { bankHost: { ...bankHost, url: 'https://127.0.0.1:7000' } } }])).toThrow(/never uses a bank host on this machine/);
    expect(() => resolveConfig([production, { atm: { bankHost: { ...bankHost, url: 'https://localhost:7000' } } }])).toThrow(/never uses a bank host on this machine/);
    expect(() => resolveConfig([production, { atm: { bankHost: { ...bankHost, caFile: null } } }])).toThrow(/atm\.bankHost\.caFile/);
    // The XFS4IoT publisher is the ATM's own machine: loopback is right for it.
    expect(resolveConfig([production, { atm: { bankHost, publisher: { url: 'ws://localhost/xfs4iot/v1.0/' } } }]).atm.publisher.url).toBe('ws://localhost/xfs4iot/v1.0/');
  });
});
