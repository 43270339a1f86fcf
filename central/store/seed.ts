import { generatePopulation, type LabPerson, type LabViolation } from '../../common/demo/population';
import { recentViolation, serviceRecords } from '../../common/demo/records';
import type { ScryptCost } from '../credentials/passwords';
import { int, text } from './columns';
import { insertRows, Rows } from './rows';
import { seedMaterial, templateKey } from './seedMaterial';
import type { Database } from './database';

/**
 * The seeded demo accounts' passwords are public (README), so their hashes get
 * a low scrypt cost: 120 full-cost hashes made every demo start take ~2.5 s.
 * The cost is stored in each hash; anything a person sets uses the configured cost.
 */
export const SEEDED_DEMO_SCRYPT_N = 1_024;

/**
 * Fills an empty registry with the lab population (drivers/lab/population.ts):
 * people, accounts in every state, enrolled reference fingerprints made from
 * the same synthetic source the simulators capture from, cards, visas,
 * violations and documents. Runs once per data dir. Seed and size default to
 * the lab's own; answers how many people it seeded (0: the registry had some).
 */
export async function seedPopulation(db: Database, options: { seed?: number | undefined; size?: number | undefined; cost: ScryptCost; now: number; cacheDir?: string | undefined }): Promise<number> {
  const existing = await db.get('SELECT COUNT(*) AS people FROM persons');
  if (existing && int(existing, 'people') > 0) return 0;
  const population = generatePopulation(options.seed, options.size);
  // Slow work first, outside the write transaction (kept in options.cacheDir when the demo gives one: seedMaterial.ts).
  const { secrets, templates } = await seedMaterial(population, options.cost, options.cacheDir);
  // Table by table, many rows a statement: one round trip per few hundred rows on PostgreSQL, not per row.
  const rows = new Rows();
  for (const [index, person] of population.people.entries()) {
    addPerson(rows, person, index, options.now);
    const secret = secrets.get(person.idNumber);
    if (person.account && secret) addAccount(rows, person, secret, options.now);
    for (const finger of person.fingers) {
      const template = templates.get(templateKey(person.idNumber, finger));
      if (template) rows.add('fingerprints', { id_number: person.idNumber, finger, template: Buffer.from(template) });
    }
  }
  await db.transaction(async (tx) => {
    // Parents first: every other table refers to persons.
    for (const table of ['persons', 'accounts', 'fingerprints', 'bank_cards', 'visas', 'violations', 'documents', 'service_records']) await insertRows(tx, table, rows.of(table));
  });
  return population.people.length;
}

function addPerson(rows: Rows, person: LabPerson, index: number, now: number): void {
  rows.add('persons', {
    id_number: person.idNumber, holder_type: person.holderType, name_ar: person.nameAr, name_en: person.nameEn, date_of_birth: person.dateOfBirth,
    nationality: person.nationality, mobile: person.mobile, email: person.email, id_card_type: person.idCard.type, id_card_issued_on: person.idCard.issuedOn,
    id_card_expiry: person.idCard.expiry,
  });
  if (person.bankCard) rows.add('bank_cards', { pan_last4: person.bankCard.pan.slice(-4), id_number: person.idNumber, bank_code: person.bankCard.bankCode, expiry: person.bankCard.expiry });
  for (const visa of person.visas) {
    rows.add('visas', { visa_number: visa.visaNumber, id_number: person.idNumber, type: visa.type, status: visa.status, issued_on: visa.issuedOn, valid_until: visa.validUntil, duration_days: visa.durationDays });
  }
  for (const violation of person.violations) addViolation(rows, person, violation);
  for (const document of person.documents) {
    rows.add('documents', { id_number: person.idNumber, type: document.type, number: document.number, issued_on: document.issuedOn, expires_on: document.expiresOn });
  }
  addInquiryRecords(rows, person, index, now, new Set());
}

function addViolation(rows: Rows, person: LabPerson, violation: LabViolation): void {
  rows.add('violations', {
    violation_number: violation.violationNumber, id_number: person.idNumber, occurred_at: violation.occurredAt, description_ar: violation.description.ar,
    description_en: violation.description.en, city: violation.city, plate: violation.plate, amount_sar: violation.amountSar, status: violation.status,
  });
}

/** What the catalogue's inquiries read (issue 14, migration 7): the records with no table of their own, and a violation recent enough to object to. */
function addInquiryRecords(rows: Rows, person: LabPerson, index: number, now: number, knownViolations: ReadonlySet<string>): void {
  const recent = recentViolation(person, now);
  if (recent && !knownViolations.has(recent.violationNumber)) addViolation(rows, person, recent);
  for (const [serviceId, body] of Object.entries(serviceRecords(person, index, now))) rows.add('service_records', { service_id: serviceId, id_number: person.idNumber, body: JSON.stringify(body) });
}

/**
 * A registry seeded before migration 7 has its people but nothing the
 * catalogue's inquiries read (the migration made the table, empty): each
 * inquiry answered "none". The same lab population (seed and size as now)
 * fills it once, for the people the registry holds (by ID number; dates from
 * now, as a fresh seed's). Answers how many people got their records (0: the
 * records were there, or the registry is empty and seedPopulation fills it).
 */
export async function upgradeSeededRegistry(db: Database, options: { seed?: number | undefined; size?: number | undefined; now: number }): Promise<number> {
  const records = await db.get('SELECT COUNT(*) AS n FROM service_records');
  if (records && int(records, 'n') > 0) return 0;
  const known = new Set((await db.all('SELECT id_number FROM persons')).map((row) => text(row, 'id_number')));
  if (known.size === 0) return 0;
  const knownViolations = new Set((await db.all('SELECT violation_number FROM violations')).map((row) => text(row, 'violation_number')));
  const rows = new Rows();
  let upgraded = 0;
  for (const [index, person] of generatePopulation(options.seed, options.size).people.entries()) {
    if (!known.has(person.idNumber)) continue;
    addInquiryRecords(rows, person, index, options.now, knownViolations);
    upgraded += 1;
  }
  await db.transaction(async (tx) => {
    for (const table of ['violations', 'service_records']) await insertRows(tx, table, rows.of(table));
  });
  return upgraded;
}

const LOCK_MS = 30 * 60_000;

function addAccount(rows: Rows, person: LabPerson, secret: { passwordHash: string; answerHash: string }, now: number): void {
  const account = person.account;
  if (!account) return;
  // 'locked' in the lab is an active account that has just had its fifth failed password.
  const state = account.state === 'locked' ? 'active' : account.state;
  rows.add('accounts', {
    id_number: person.idNumber, username: account.username, password_hash: secret.passwordHash, state, mobile: account.withoutMobile ? null : person.mobile,
    email: person.email, language: account.language, security_question_ar: account.securityQuestion.ar, security_question_en: account.securityQuestion.en,
    security_answer_hash: secret.answerHash, failed_attempts: 0, locked_until: account.state === 'locked' ? now + LOCK_MS : null, created_at: now,
    activated_at: state === 'active' ? now : null,
    // Seeded pending_bank accounts wait for a bank request that never came: they stay pending until an ATM asks again.
    bank_requested_at: null,
    bank_ref: state === 'pending_bank' ? `${person.bankCard?.bankCode ?? 'BANK'}:seeded` : null,
  });
}
