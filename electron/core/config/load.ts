import { readFile } from 'node:fs/promises';
import { kioskConfigSchema, defaultConfig } from './schema';
import type { KioskConfig } from './schema';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length ? `${message}:\n  ${issues.join('\n  ')}` : message);
    this.name = 'ConfigError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else in `over` replaces what is under it. */
function deepMerge(under: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...under };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function validateConfig(candidate: unknown): KioskConfig {
  const parsed = kioskConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new ConfigError(
      'invalid kiosk configuration',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** defaults ← file ← overrides (the central side's, or a test's). Validated as a whole, so a bad layer changes nothing. */
export function resolveConfig(layers: unknown[]): KioskConfig {
  let merged = defaultConfig as unknown as JsonObject;
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (!isObject(layer)) throw new ConfigError('a configuration layer must be a JSON object');
    merged = deepMerge(merged, layer);
  }
  return validateConfig(merged);
}

export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`configuration file ${path} is not valid JSON`);
  }
}

interface ConfigSources {
  file?: string | undefined;
  overrides?: unknown;
}

export async function loadConfig(sources: ConfigSources): Promise<KioskConfig> {
  const fromFile = sources.file ? await readConfigFile(sources.file) : undefined;
  return resolveConfig([fromFile, sources.overrides]);
}
