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
