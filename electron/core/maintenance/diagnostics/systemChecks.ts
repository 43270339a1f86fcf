import { statfs } from 'node:fs/promises';
import { freemem, totalmem, uptime as osUptime } from 'node:os';
import type { CheckOutcome, DiagnosticsReport } from '../../../contract';
import { outcome } from './outcome';

/** Where each setting came from: the built-in default, the kiosk's file, the command line or environment, or central. */
export type SettingSource = 'default' | 'file' | 'local' | 'central';

export interface SystemSource {
  versions: Record<string, string>;
  /** The configuration version central last pushed (null: defaults and file only). */
  configVersion(): Promise<string | null>;
  /** Top-level setting → where it came from. */
  settingSources(): Record<string, SettingSource>;
  /** The folder the store lives in (disk space is measured there). */
  dataDir: string;
  processStartedAt: number;
}

const DISK_WARN_FREE = 0.1;
const DISK_FAIL_BYTES = 100 * 1024 * 1024;
const MEMORY_WARN_FREE = 0.05;

const mib = (bytes: number): number => Math.round(bytes / (1024 * 1024));

export async function systemChecks(source: SystemSource, now: number): Promise<DiagnosticsReport> {
  const checks: CheckOutcome[] = [];
  const versions = { ...source.versions, node: process.versions.node, ...(process.versions.electron ? { electron: process.versions.electron } : {}) };
  checks.push(outcome('system.versions', 'pass', Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', '), now, { facts: versions }));
  const configVersion = await source.configVersion();
  const sources = source.settingSources();
  checks.push(
    outcome('system.configuration', 'pass', `configuration ${configVersion ?? 'local only'}; ${Object.entries(sources).filter(([, s]) => s !== 'default').map(([k, s]) => `${k} from ${s}`).join(', ') || 'all defaults'}`, now, {
      facts: { version: configVersion, ...sources },
    }),
  );
  try {
    const fs = await statfs(source.dataDir);
    const total = fs.blocks * fs.bsize;
    const free = fs.bavail * fs.bsize;
    const facts = { freeMiB: mib(free), totalMiB: mib(total) };
    checks.push(
      free < DISK_FAIL_BYTES
        ? outcome('system.disk', 'fail', `${mib(free)} MiB free: the outbox and audit log need room`, now, { code: 'diskFull', facts })
        : free / total < DISK_WARN_FREE
          ? outcome('system.disk', 'warn', `${mib(free)} MiB free of ${mib(total)} MiB`, now, { code: 'diskLow', facts })
          : outcome('system.disk', 'pass', `${mib(free)} MiB free of ${mib(total)} MiB`, now, { facts }),
    );
  } catch {
    checks.push(outcome('system.disk', 'fail', 'the data folder cannot be measured', now, { code: 'diskUnknown' }));
  }
  const free = freemem();
  const total = totalmem();
  const memFacts = { freeMiB: mib(free), totalMiB: mib(total), processMiB: mib(process.memoryUsage().rss) };
  checks.push(
    free / total < MEMORY_WARN_FREE
      ? outcome('system.memory', 'warn', `${mib(free)} MiB free of ${mib(total)} MiB`, now, { code: 'memoryLow', facts: memFacts })
      : outcome('system.memory', 'pass', `${mib(free)} MiB free of ${mib(total)} MiB; the core uses ${memFacts.processMiB} MiB`, now, { facts: memFacts }),
  );
  const coreSeconds = Math.max(0, Math.round((now - source.processStartedAt) / 1000));
  checks.push(outcome('system.uptime', 'pass', `core up ${coreSeconds} s, machine up ${Math.round(osUptime())} s`, now, { facts: { coreSeconds, machineSeconds: Math.round(osUptime()) } }));
  return { target: 'system', present: true, checks };
}

/** Which layer gave each top-level setting: central's overrides win over local ones, local over the file, the file over defaults. */
export function settingSourcesOf(layers: { file: unknown; local: unknown; central: readonly string[] }, keys: readonly string[]): Record<string, SettingSource> {
  const has = (layer: unknown, key: string): boolean => typeof layer === 'object' && layer !== null && Object.hasOwn(layer, key);
  return Object.fromEntries(keys.map((key) => [key, layers.central.includes(key) ? 'central' : has(layers.local, key) ? 'local' : has(layers.file, key) ? 'file' : 'default']));
}
