import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LabPopulation } from '../../common/demo/population';
import type { FingerName } from '../../common/fingerprint/fingers';
import { enrolledTemplate } from '../biometrics/enrolment';
import { hashSecret, normaliseAnswer, type ScryptCost, verifySecret } from '../credentials/passwords';

/**
 * The slow part of seeding the demo registry: every account's password and
 * security-answer hashes (scrypt) and every enrolled finger's reference
 * template (two synthetic captures merged). Both follow from the population
 * alone, so a demo that starts many times (the e2e specs start one per test)
 * may keep them in a cache directory and read them back instead of computing
 * them again: ~1 s of a demo start. Only public demo secrets are in it.
 */
interface SeedMaterial {
  /** By id number: the hashes of the account's (public, README) demo password and security answer. */
  readonly secrets: ReadonlyMap<string, { readonly passwordHash: string; readonly answerHash: string }>;
  /** By `<id number>/<finger>`. */
  readonly templates: ReadonlyMap<string, Uint8Array>;
}

export const templateKey = (idNumber: string, finger: FingerName): string => `${idNumber}/${finger}`;

async function computeSeedMaterial(population: LabPopulation, cost: ScryptCost): Promise<SeedMaterial> {
  const secrets = new Map<string, { passwordHash: string; answerHash: string }>();
  await Promise.all(
    population.people.map(async (person) => {
      if (!person.account) return;
      secrets.set(person.idNumber, {
        passwordHash: await hashSecret(person.account.password, cost),
        answerHash: await hashSecret(normaliseAnswer(person.account.securityAnswer), cost),
      });
    }),
  );
  const templates = new Map<string, Uint8Array>();
  for (const person of population.people) for (const finger of person.fingers) templates.set(templateKey(person.idNumber, finger), enrolledTemplate(person.personId, finger));
  return { secrets, templates };
}

const cacheFileSchema = z
  .object({
    secrets: z.record(z.string(), z.object({ passwordHash: z.string().startsWith('scrypt$'), answerHash: z.string().startsWith('scrypt$') }).strict()),
    templates: z.record(z.string(), z.base64()),
  })
  .strict();

/** The cache file for this population at this cost: a new population, cost or file layout is a new file. */
function cacheFile(dir: string, population: LabPopulation, cost: ScryptCost): string {
  const key = createHash('sha256').update(JSON.stringify({ layout: 1, cost, population })).digest('hex').slice(0, 24);
  return join(dir, `demo-seed-${key}.json`);
}

/**
 * What was kept, if it is whole and still right: an entry for every account and enrolled finger, and the first
 * account's password and first finger's template recomputed to match (a changed template maker or hash format
 * makes the file stale although the population is the same). Anything else: undefined, and the caller computes.
 */
async function readCached(file: string, population: LabPopulation): Promise<SeedMaterial | undefined> {
  let parsed: z.infer<typeof cacheFileSchema>;
  try {
    parsed = cacheFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
  const secrets = new Map(Object.entries(parsed.secrets));
  const templates = new Map(Object.entries(parsed.templates).map(([key, base64]) => [key, new Uint8Array(Buffer.from(base64, 'base64'))]));
  for (const person of population.people) {
    if (person.account && !secrets.has(person.idNumber)) return undefined;
    if (person.fingers.some((finger) => !templates.has(templateKey(person.idNumber, finger)))) return undefined;
  }
  const withAccount = population.people.find((person) => person.account);
  const withFinger = population.people.find((person) => person.fingers.length > 0);
  if (withAccount?.account) {
    const secret = secrets.get(withAccount.idNumber);
    if (!secret || !(await verifySecret(withAccount.account.password, secret.passwordHash))) return undefined;
    if (!(await verifySecret(normaliseAnswer(withAccount.account.securityAnswer), secret.answerHash))) return undefined;
  }
  const finger = withFinger?.fingers[0];
  if (withFinger && finger && !Buffer.from(enrolledTemplate(withFinger.personId, finger)).equals(templates.get(templateKey(withFinger.idNumber, finger)) ?? new Uint8Array())) return undefined;
  return { secrets, templates };
}

/** Written whole or not at all: a concurrent start reads the old file, the new one or none, never half of one. */
async function writeCached(file: string, dir: string, material: SeedMaterial): Promise<void> {
  await mkdir(dir, { recursive: true });
  const body = {
    secrets: Object.fromEntries(material.secrets),
    templates: Object.fromEntries([...material.templates].map(([key, template]) => [key, Buffer.from(template).toString('base64')])),
  };
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(partial, JSON.stringify(body), { mode: 0o600 });
  await rename(partial, file);
}

/**
 * The population's seed material: from `cacheDir` when it holds a good copy, computed (and kept there) otherwise.
 * Without a cache directory it is computed every time. A cache that cannot be written costs nothing but the time.
 */
export async function seedMaterial(population: LabPopulation, cost: ScryptCost, cacheDir?: string): Promise<SeedMaterial> {
  if (cacheDir === undefined) return computeSeedMaterial(population, cost);
  const file = cacheFile(cacheDir, population, cost);
  const cached = await readCached(file, population);
  if (cached) return cached;
  const material = await computeSeedMaterial(population, cost);
  await writeCached(file, cacheDir, material).catch(() => undefined);
  return material;
}
