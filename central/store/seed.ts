import { generatePopulation, type LabPerson } from '../../common/demo/population';
import { recentViolation, serviceRecords } from '../../common/demo/records';
import { enrolledTemplate } from '../biometrics/enrolment';
import { hashSecret, normaliseAnswer, type ScryptCost } from '../credentials/passwords';
import { int } from './columns';
import type { Database, Tx } from './database';

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
export async function seedPopulation(db: Database, options: { seed?: number | undefined; size?: number | undefined; cost: ScryptCost; now: number }): Promise<number> {
  const existing = await db.get('SELECT COUNT(*) AS people FROM persons');
  if (existing && int(existing, 'people') > 0) return 0;
  const population = generatePopulation(options.seed, options.size);
  // Slow work first, outside the write transaction.
  const secrets = new Map<string, { passwordHash: string; answerHash: string }>();
  await Promise.all(
    population.people.map(async (person) => {
      if (!person.account) return;
      secrets.set(person.idNumber, {
        passwordHash: await hashSecret(person.account.password, options.cost),
        answerHash: await hashSecret(normaliseAnswer(person.account.securityAnswer), options.cost),
      });
    }),
  );
  const templates = population.people.map((person) => person.fingers.map((finger) => ({ finger, template: enrolledTemplate(person.personId, finger) })));
  await db.transaction(async (tx) => {
    for (const [index, person] of population.people.entries()) {
      await insertPerson(tx, person, index, options.now);
      const secret = secrets.get(person.idNumber);
      if (person.account && secret) await insertAccount(tx, person, secret, options.now);
      for (const { finger, template } of templates[index] ?? []) {
        await tx.run('INSERT INTO fingerprints (id_number, finger, template) VALUES (?, ?, ?)', [person.idNumber, finger, Buffer.from(template)]);
      }
    }
  });
  return population.people.length;
}

async function insertPerson(tx: Tx, person: LabPerson, index: number, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO persons (id_number, holder_type, name_ar, name_en, date_of_birth, nationality, mobile, email, id_card_type, id_card_issued_on, id_card_expiry)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [person.idNumber, person.holderType, person.nameAr, person.nameEn, person.dateOfBirth, person.nationality, person.mobile, person.email, person.idCard.type, person.idCard.issuedOn, person.idCard.expiry],
  );
  if (person.bankCard) {
    await tx.run('INSERT INTO bank_cards (pan_last4, id_number, bank_code, expiry) VALUES (?, ?, ?, ?)', [person.bankCard.pan.slice(-4), person.idNumber, person.bankCard.bankCode, person.bankCard.expiry]);
  }
  for (const visa of person.visas) {
    await tx.run('INSERT INTO visas (visa_number, id_number, type, status, issued_on, valid_until, duration_days) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      visa.visaNumber, person.idNumber, visa.type, visa.status, visa.issuedOn, visa.validUntil, visa.durationDays,
    ]);
  }
  const recent = recentViolation(person, now);
  for (const violation of recent ? [...person.violations, recent] : person.violations) {
    await tx.run(
      'INSERT INTO violations (violation_number, id_number, occurred_at, description_ar, description_en, city, plate, amount_sar, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [violation.violationNumber, person.idNumber, violation.occurredAt, violation.description.ar, violation.description.en, violation.city, violation.plate, violation.amountSar, violation.status],
    );
  }
  for (const document of person.documents) {
    await tx.run('INSERT INTO documents (id_number, type, number, issued_on, expires_on) VALUES (?, ?, ?, ?, ?)', [person.idNumber, document.type, document.number, document.issuedOn, document.expiresOn]);
  }
  for (const [serviceId, body] of Object.entries(serviceRecords(person, index, now))) {
    await tx.run('INSERT INTO service_records (service_id, id_number, body) VALUES (?, ?, ?)', [serviceId, person.idNumber, JSON.stringify(body)]);
  }
}

const LOCK_MS = 30 * 60_000;

async function insertAccount(tx: Tx, person: LabPerson, secret: { passwordHash: string; answerHash: string }, now: number): Promise<void> {
  const account = person.account;
  if (!account) return;
  // 'locked' in the lab is an active account that has just had its fifth failed password.
  const state = account.state === 'locked' ? 'active' : account.state;
  await tx.run(
    `INSERT INTO accounts (id_number, username, password_hash, state, mobile, email, language, security_question_ar, security_question_en, security_answer_hash,
       failed_attempts, locked_until, created_at, activated_at, bank_requested_at, bank_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    [
      person.idNumber, account.username, secret.passwordHash, state, account.withoutMobile ? null : person.mobile, person.email, account.language,
      account.securityQuestion.ar, account.securityQuestion.en, secret.answerHash,
      account.state === 'locked' ? now + LOCK_MS : null,
      now,
      state === 'active' ? now : null,
      // Seeded pending_bank accounts wait for a bank request that never came: they stay pending until an ATM asks again.
      null,
      state === 'pending_bank' ? `${person.bankCard?.bankCode ?? 'BANK'}:seeded` : null,
    ],
  );
}
