import { describe, expect, it } from 'vitest';
import { KioskError, defaultSpeechVolume, speechVolumeSteps } from '../contract';
import { resolveConfig } from './config/load';
import { startTestCore } from './testing/coreHarness';

describe('kiosk core', () => {
  it('is starting until the core says it is ready, then available', async () => {
    const t = startTestCore();
    expect((await t.api.getSnapshot({})).appState).toEqual({ state: 'starting' });
    t.core.markStarted();
    expect((await t.api.getSnapshot({})).appState).toEqual({ state: 'available' });
  });

  it('refuses to start a session while starting or out of service', async () => {
    const t = startTestCore({ outOfService: true });
    t.core.markStarted();
    await expect(t.api.startSession({ trigger: 'touch' })).rejects.toMatchObject({ code: 'unavailable' });
    expect((await t.api.getSnapshot({})).appState).toEqual({ state: 'unavailable', reason: 'outOfService' });
  });

  it('a first touch starts a session in Arabic with default accessibility', async () => {
    const t = startTestCore();
    t.core.markStarted();
    const s = await t.api.startSession({ trigger: 'touch' });
    expect(s.appState).toEqual({ state: 'active' });
    expect(s.session).toMatchObject({ id: 'session-1', phase: 'active', language: 'ar', highContrast: false, largeText: false, speech: false, volume: defaultSpeechVolume });
  });

  it('speech mode and its volume are the person\'s to set, in whole steps', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    expect((await t.api.setAccessibility({ speech: true })).session).toMatchObject({ speech: true, volume: defaultSpeechVolume });
    expect((await t.api.setAccessibility({ volume: speechVolumeSteps })).session).toMatchObject({ speech: true, volume: speechVolumeSteps });
    expect((await t.api.setAccessibility({ volume: 1, largeText: true })).session).toMatchObject({ speech: true, volume: 1, largeText: true, highContrast: false });
  });

  it('refuses a volume or speech setting it does not offer, and changes nothing', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.setAccessibility({ speech: true, volume: 4 });
    const before = t.core.snapshot();
    const setAccessibility = t.api.setAccessibility as (input: unknown) => Promise<unknown>;
    for (const input of [{ volume: 0 }, { volume: speechVolumeSteps + 1 }, { volume: 2.5 }, { volume: '3' }, { volume: -1 }, { speech: 'yes' }, { speech: null }, {}, { speech: true, pitch: 2 }]) {
      await expect(setAccessibility(input), JSON.stringify(input)).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    expect({ ...t.core.snapshot(), now: 0 }).toEqual({ ...before, now: 0 });
  });

  describe('every way a session ends turns speech off and puts the volume back for the next person', () => {
    const endings: { how: string; end: (t: ReturnType<typeof startTestCore>) => Promise<void> }[] = [
      { how: 'cancel', end: async (t) => void (await t.api.endSession({ reason: 'cancel' })) },
      { how: 'completed', end: async (t) => void (await t.api.endSession({ reason: 'completed' })) },
      { how: 'idle timeout', end: async (t) => {
        t.clock.increment(60_000);
        await t.settle();
        t.clock.increment(30_000);
      } },
      { how: 'session cap', end: async (t) => {
        for (let i = 0; i < 12; i += 1) {
          t.clock.increment(55_000);
          await t.api.reportActivity({});
        }
      } },
      { how: 'UI reload from central', end: async (t) => t.core.requestUiReload() },
    ];
    for (const { how, end } of endings) {
      it(how, async () => {
        const t = startTestCore();
        t.core.markStarted();
        await t.api.setAccessibility({ speech: true, volume: speechVolumeSteps, highContrast: true });
        await end(t);
        await t.settle();
        expect(t.ended).toHaveLength(1);
        expect(t.latest()?.session).toBeNull();
        const next = await t.api.startSession({ trigger: 'touch' });
        expect(next.session).toMatchObject({ id: 'session-2', speech: false, volume: defaultSpeechVolume, highContrast: false, largeText: false });
      });
    }
  });

  it('choosing English on the attract screen starts the session in English', async () => {
    const t = startTestCore();
    t.core.markStarted();
    const s = await t.api.setLanguage({ language: 'en' });
    expect(s.session?.language).toBe('en');
  });

  it('pushes the idle warning and, unanswered, ends the session and tells the renderer', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.setAccessibility({ largeText: true });
    t.clock.increment(60_000);
    await t.settle();
    expect(t.latest()?.session?.phase).toBe('warning');
    t.clock.increment(30_000);
    await t.settle();
    expect(t.ended).toEqual([{ sessionId: 'session-1', reason: 'timeout' }]);
    expect(t.latest()?.session).toBeNull();
    expect(t.latest()?.appState).toEqual({ state: 'available' });
  });

  it('"more time" is refused outside the warning', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    await expect(t.api.extendSession({})).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('"more time" during the warning keeps the session', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    t.clock.increment(60_000);
    const s = await t.api.extendSession({});
    expect(s.session).toMatchObject({ phase: 'active', extensionsUsed: 1, warningEndsAt: null });
  });

  it('snapshots carry increasing revisions and only real changes', async () => {
    const t = startTestCore();
    t.core.markStarted();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    await t.settle();
    const revisions = t.snapshots.map((s) => s.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('a device going offline greys out only the services that need it', async () => {
    const t = startTestCore();
    t.core.markStarted();
    t.core.setDeviceStatus('fingerprint', 'offline');
    const s = await t.api.getSnapshot({});
    expect(s.devices.fingerprint).toBe('offline');
    expect(s.appState).toEqual({ state: 'available' });
  });

  it('logs session events without the person in them', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    await t.api.endSession({ reason: 'cancel' });
    const events = t.logLines.map((l) => JSON.parse(l) as { event?: string }).map((l) => l.event);
    expect(events).toEqual(expect.arrayContaining(['kiosk.started', 'session.started', 'session.ended']));
  });

  it('rejects errors as KioskError instances on the renderer side', async () => {
    const t = startTestCore();
    t.core.markStarted();
    const error = await t.api.endSession({ reason: 'cancel' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect(error).toMatchObject({ code: 'no_session' });
  });
});

describe('remote commands from central', () => {
  it('a UI reload ends the session and asks the renderer to reload', async () => {
    const t = startTestCore();
    t.core.markStarted();
    await t.api.startSession({ trigger: 'touch' });
    t.core.requestUiReload();
    await t.settle();
    expect(t.ended).toEqual([{ sessionId: 'session-1', reason: 'cancel' }]);
    expect(t.reloads()).toBe(1);
  });

  it('a new configuration changes branding at once and timings for the next idle wait', async () => {
    const t = startTestCore();
    t.core.markStarted();
    const next = resolveConfig([{ branding: { portalName: { ar: 'بوابة', en: 'Portal' } }, session: { idleWarningAfterMs: 90_000 } }]);
    t.core.applyConfig(next);
    await t.api.startSession({ trigger: 'touch' });
    t.clock.increment(60_000);
    await t.settle();
    expect(t.latest()?.session?.phase).toBe('active');
    expect(t.latest()?.branding.portalName.en).toBe('Portal');
    t.clock.increment(30_000);
    await t.settle();
    expect(t.latest()?.session?.phase).toBe('warning');
  });

  it('the snapshot says which configuration from central is in force: none before the first, then its version, kept by a local re-apply', async () => {
    const t = startTestCore();
    t.core.markStarted();
    expect((await t.api.getSnapshot({})).central.configVersion).toBeNull();
    t.core.applyConfig(resolveConfig([{ outOfService: false }]), 'cfg-7');
    expect((await t.api.getSnapshot({})).central.configVersion).toBe('cfg-7');
    t.core.applyConfig(resolveConfig([{ outOfService: true }]));
    expect((await t.api.getSnapshot({})).central.configVersion).toBe('cfg-7');
  });

  it('a configuration that puts the kiosk out of service takes effect', async () => {
    const t = startTestCore();
    t.core.markStarted();
    t.core.applyConfig(resolveConfig([{ outOfService: true }]));
    expect((await t.api.getSnapshot({})).appState).toEqual({ state: 'unavailable', reason: 'outOfService' });
  });
});

describe('sync status', () => {
  it('outbox depth and last contact reach the renderer', async () => {
    const t = startTestCore();
    t.core.markStarted();
    t.core.setSyncStatus({ lastContactAt: 1234, queueDepth: 7, deadLetters: 1 });
    await t.settle();
    expect(t.latest()?.central).toEqual({ reachable: false, lastContactAt: 1234, queueDepth: 7, deadLetters: 1, configVersion: null });
  });
});
