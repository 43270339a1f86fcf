import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../common/rules';
import { KioskConfigStore } from './config';

/** rollout.json in central's data dir: what an operator edits to move the fleet from one version to the next. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const window = { start: '02:00', end: '05:00', utcOffsetMinutes: 180 };

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'central-rollout-'));
  dirs.push(dir);
  const file = join(dir, 'rollout.json');
  const problems: string[] = [];
  return { file, problems, config: new KioskConfigStore(DEFAULT_RULES, { rolloutFile: file, onRolloutInvalid: (detail) => problems.push(detail) }) };
}

describe('the rollout in central’s kiosk configuration', () => {
  it('has none until the file exists, then carries it under a new config version, and drops it when the file goes', () => {
    const { file, config } = store();
    const before = config.configVersion;
    expect(config.current().updates).toBeUndefined();
    writeFileSync(file, JSON.stringify({ version: '1.0.0', canary: { version: '1.1.0', percent: 10 }, maintenanceWindow: window }));
    expect(config.configVersion).not.toBe(before);
    expect(config.current().updates).toEqual({ version: '1.0.0', canary: { version: '1.1.0', percent: 10 }, maintenanceWindow: window, healthDeadlineSeconds: 300 });
    writeFileSync(file, JSON.stringify({ version: '1.1.0', canary: null, maintenanceWindow: window, healthDeadlineSeconds: 120 }));
    expect(config.current().updates?.version).toBe('1.1.0');
    rmSync(file);
    expect(config.current().updates).toBeUndefined();
    expect(config.configVersion).toBe(before);
  });

  it('keeps the last valid rollout when the file is not valid, and says why', () => {
    const { file, config, problems } = store();
    writeFileSync(file, JSON.stringify({ version: '1.0.0', canary: null, maintenanceWindow: window }));
    const valid = config.configVersion;
    writeFileSync(file, JSON.stringify({ version: '1.0.0', canary: { version: '1.1.0', percent: 150 }, maintenanceWindow: window }));
    expect(config.configVersion).toBe(valid);
    writeFileSync(file, '{ not json');
    expect(config.current().updates?.version).toBe('1.0.0');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('canary.percent');
  });
});
