import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../common/result';
import type { Rollout, UpdateStepFact } from '../../../common/wire/updates';
import type { UpdateHealth, UpdateStatus } from './controlSocket';
import type { UpdaterDeps } from './updater';
import { readState, runUpdater } from './updater';

/** The updater's decisions against a fake apt and a fake core whose version follows what apt installed. */
const always = { start: '00:00', end: '00:00', utcOffsetMinutes: 0 };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function kiosk(options: { rollout: Rollout; idle?: boolean; repository?: string[]; updateFails?: boolean; healthyVersions?: string[] }) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-updater-'));
  dirs.push(dir);
  let installed = '1.0.0';
  let coreUp = true;
  let time = Date.UTC(2026, 11, 3, 12);
  const steps: UpdateStepFact[] = [];
  const installs: string[] = [];
  const status = (): UpdateStatus => ({ kioskId: 'KIOSK-1', version: installed, idle: options.idle ?? true, appState: 'available', rollout: options.rollout });
  const deps: UpdaterDeps = {
    apt: {
      update: () => Promise.resolve(options.updateFails ? err('E: The repository is not signed.') : ok()),
      available: () => Promise.resolve(options.repository ?? ['1.0.1']),
      installed: () => Promise.resolve(installed),
      install: (what) => {
        installs.push(what);
        installed = what.startsWith('/') ? (/kiosk_(.*)\.deb$/.exec(what)?.[1] ?? what) : what;
        return Promise.resolve(ok());
      },
    },
    core: {
      status: () => Promise.resolve(coreUp ? ok(status()) : err({ type: 'unreachable' as const, detail: 'ECONNREFUSED' })),
      health: () => {
        const healthy = (options.healthyVersions ?? ['1.0.0', '1.0.1']).includes(installed);
        if (!coreUp || !healthy) return Promise.resolve(err({ type: 'unreachable' as const, detail: 'ECONNREFUSED' }));
        const h: UpdateHealth = { version: installed, heartbeatAccepted: true, ready: true, devices: {}, devicesOk: true };
        return Promise.resolve(ok(h));
      },
      report: (step) => {
        if (!coreUp) return Promise.resolve(err({ type: 'unreachable' as const, detail: 'ECONNREFUSED' }));
        steps.push(step);
        return Promise.resolve(ok());
      },
    },
    kept: { keep: () => Promise.resolve(true), path: (version) => `/kept/kiosk_${version}.deb` },
    restartCore: () => Promise.resolve({ ok: true, detail: '' }),
    statePath: join(dir, 'state.json'),
    kioskId: 'KIOSK-1',
    now: () => time,
    sleep: (ms) => {
      time += ms;
      return Promise.resolve();
    },
    pollMs: 1000,
    log: () => undefined,
  };
  return { deps, steps, installs, setCoreUp: (up: boolean) => (coreUp = up), installed: () => installed };
}

const rollout = (over: Partial<Rollout> = {}): Rollout => ({ version: '1.0.1', canary: null, maintenanceWindow: always, healthDeadlineSeconds: 60, ...over });

describe('kiosk-update, one run', () => {
  it('installs the named version, which reports healthy: offered, installing, installed, healthy', async () => {
    const k = kiosk({ rollout: rollout() });
    expect(await runUpdater(k.deps)).toBe('healthy');
    expect(k.steps.map((s) => s.step)).toEqual(['offered', 'installing', 'installed', 'healthy']);
    expect(k.installs).toEqual(['1.0.1']);
    expect(await runUpdater(k.deps)).toBe('nothing');
  });

  it('defers while a customer is being served, and says so once, not at every run', async () => {
    const k = kiosk({ rollout: rollout(), idle: false });
    expect(await runUpdater(k.deps)).toBe('deferred');
    expect(await runUpdater(k.deps)).toBe('deferred');
    expect(k.steps).toEqual([
      { step: 'offered', fromVersion: '1.0.0', toVersion: '1.0.1', reason: 'all' },
      { step: 'deferred', fromVersion: '1.0.0', toVersion: '1.0.1', reason: 'customerSession' },
    ]);
    expect(k.installs).toEqual([]);
  });

  it('defers outside the maintenance window', async () => {
    const k = kiosk({ rollout: rollout({ maintenanceWindow: { start: '02:00', end: '04:00', utcOffsetMinutes: 0 } }) });
    expect(await runUpdater(k.deps)).toBe('deferred');
    expect(k.steps.at(-1)?.reason).toBe('outsideWindow');
    expect(k.installs).toEqual([]);
  });

  it('refuses when apt refuses the repository, and when the repository does not have the version', async () => {
    const refused = kiosk({ rollout: rollout(), updateFails: true });
    expect(await runUpdater(refused.deps)).toBe('refused');
    expect(refused.steps.at(-1)).toEqual({ step: 'refused', fromVersion: '1.0.0', toVersion: '1.0.1', reason: 'repositoryRefused' });
    const missing = kiosk({ rollout: rollout(), repository: ['1.0.0'] });
    expect(await runUpdater(missing.deps)).toBe('refused');
    expect(missing.steps.at(-1)?.reason).toBe('versionNotInRepository');
    expect([...refused.installs, ...missing.installs]).toEqual([]);
  });

  it('rolls back a version not healthy by the deadline, from the kept package file when the repository no longer lists it, and never tries it again', async () => {
    const k = kiosk({ rollout: rollout({ version: '1.0.2' }), repository: ['1.0.2'], healthyVersions: ['1.0.0'] });
    expect(await runUpdater(k.deps)).toBe('rolledBack');
    expect(k.installs).toEqual(['1.0.2', '/kept/kiosk_1.0.0.deb']);
    expect(k.installed()).toBe('1.0.0');
    expect(k.steps.at(-1)).toEqual({ step: 'rolledBack', fromVersion: '1.0.2', toVersion: '1.0.0', reason: 'unhealthy' });
    expect(await runUpdater(k.deps)).toBe('nothing');
    expect(k.installs).toHaveLength(2);
  });

  it('keeps the steps the core cannot take (it is restarting) and delivers them with the next run', async () => {
    const k = kiosk({ rollout: rollout({ maintenanceWindow: { start: '02:00', end: '04:00', utcOffsetMinutes: 0 } }) });
    await runUpdater(k.deps);
    k.setCoreUp(false);
    k.deps.core.status = () => Promise.resolve(ok({ kioskId: 'KIOSK-1', version: '1.0.0', idle: true, appState: 'available', rollout: rollout({ version: '1.0.3', maintenanceWindow: { start: '02:00', end: '04:00', utcOffsetMinutes: 0 } }) }));
    await runUpdater(k.deps);
    expect((await readState(k.deps.statePath)).undelivered.map((s) => s.toVersion)).toEqual(['1.0.3', '1.0.3']);
    k.setCoreUp(true);
    await runUpdater(k.deps);
    expect(k.steps.map((s) => `${s.step}:${s.toVersion}`)).toEqual(['offered:1.0.1', 'deferred:1.0.1', 'offered:1.0.3', 'deferred:1.0.3']);
    expect((await readState(k.deps.statePath)).undelivered).toEqual([]);
  });
});
