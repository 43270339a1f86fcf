import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../common/demo/population';
import { enrolledTemplate } from '../biometrics/enrolment';
import { normaliseAnswer, verifySecret } from '../credentials/passwords';
import { readOptions } from '../options';
import { seedMaterial, templateKey } from './seedMaterial';

const cost = { N: 1024, r: 8, p: 1 };
const population = generatePopulation(7, 10);
const withAccount = population.people.filter((person) => person.account);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seed-material-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function cacheFile(): Promise<string> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  expect(files).toHaveLength(1);
  return join(dir, files[0] ?? '');
}

describe('demo seed material', () => {
  it('holds a verifying hash for every account and the enrolment template of every finger', async () => {
    const material = await seedMaterial(population, cost);
    expect(withAccount.length).toBeGreaterThan(0);
    for (const person of withAccount) {
      const secret = material.secrets.get(person.idNumber);
      expect(await verifySecret(person.account?.password ?? '', secret?.passwordHash ?? '')).toBe(true);
      expect(await verifySecret(normaliseAnswer(person.account?.securityAnswer ?? ''), secret?.answerHash ?? '')).toBe(true);
      expect(await verifySecret('not the password', secret?.passwordHash ?? '')).toBe(false);
    }
    for (const person of population.people) for (const finger of person.fingers) expect(material.templates.get(templateKey(person.idNumber, finger))).toEqual(enrolledTemplate(person.personId, finger));
  });

  it('is read back from the cache directory on the next start: the same salted hashes, the same templates', async () => {
    const first = await seedMaterial(population, cost, dir);
    const second = await seedMaterial(population, cost, dir);
    // Salts are random: equal hashes mean nothing was hashed again.
    expect(second.secrets).toEqual(first.secrets);
    expect(second.templates).toEqual(first.templates);
    // Without the cache every start hashes afresh.
    expect((await seedMaterial(population, cost)).secrets.get(withAccount[0]?.idNumber ?? '')).not.toEqual(first.secrets.get(withAccount[0]?.idNumber ?? ''));
  });

  it('another population or cost is another file, never the first one’s hashes', async () => {
    const first = await seedMaterial(population, cost, dir);
    const other = generatePopulation(8, 10);
    const material = await seedMaterial(other, cost, dir);
    expect((await readdir(dir)).filter((name) => name.endsWith('.json'))).toHaveLength(2);
    for (const person of other.people.filter((p) => p.account)) {
      expect(await verifySecret(person.account?.password ?? '', material.secrets.get(person.idNumber)?.passwordHash ?? '')).toBe(true);
    }
    await seedMaterial(population, { ...cost, N: 2048 }, dir);
    expect((await readdir(dir)).filter((name) => name.endsWith('.json'))).toHaveLength(3);
    expect((await seedMaterial(population, cost, dir)).secrets).toEqual(first.secrets);
  });

  it.each([
    ['garbled', (_text: string) => '{"secrets": {'],
    ['missing a person', (text: string) => JSON.stringify({ ...JSON.parse(text), secrets: {} })],
    ['a template from another maker', (text: string) => {
      const body = JSON.parse(text) as { templates: Record<string, string> };
      const person = population.people.find((p) => p.fingers.length > 0);
      body.templates[templateKey(person?.idNumber ?? '', person?.fingers[0] ?? 'rightIndex')] = Buffer.from('stale').toString('base64');
      return JSON.stringify(body);
    }],
    ['a hash of another password', (text: string) => {
      const body = JSON.parse(text) as { secrets: Record<string, { passwordHash: string; answerHash: string }> };
      const [first, second] = withAccount;
      const a = body.secrets[first?.idNumber ?? ''];
      const b = body.secrets[second?.idNumber ?? ''];
      if (a && b) a.passwordHash = b.passwordHash;
      return JSON.stringify(body);
    }],
  ])('a cache file %s is not trusted: the material is computed again and the file replaced', async (_name, spoil) => {
    const first = await seedMaterial(population, cost, dir);
    const file = await cacheFile();
    await writeFile(file, spoil(await readFile(file, 'utf8')));
    const again = await seedMaterial(population, cost, dir);
    for (const person of withAccount) expect(await verifySecret(person.account?.password ?? '', again.secrets.get(person.idNumber)?.passwordHash ?? '')).toBe(true);
    expect(again.secrets).not.toEqual(first.secrets);
    expect(again.templates).toEqual(first.templates);
    // The file holds the good copy again.
    expect((await seedMaterial(population, cost, dir)).secrets).toEqual(again.secrets);
  });

  it('a cache directory that cannot be written costs only the time', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, '');
    const material = await seedMaterial(population, cost, join(blocked, 'cache'));
    expect(material.secrets.size).toBe(withAccount.length);
  });

  it('is a demo option: a production central refuses a seed cache directory', () => {
    expect(() => readOptions({ dataDir: dir, profile: 'production', seedCacheDir: dir })).toThrow(/demo-only options: seedCacheDir/);
    expect(readOptions({ dataDir: dir, seedCacheDir: dir }).seedCacheDir).toBe(dir);
  });
});
