import { z } from 'zod';
import type { Row } from '../store/connection';
import { int, optionalInt, optionalText, text } from '../store/columns';
import type { Tx } from '../store/database';

export interface Person {
  readonly idNumber: string;
  readonly holderType: 'citizen' | 'resident';
  readonly nameAr: string;
  readonly nameEn: string;
  readonly mobile: string | null;
  readonly idCardType: string;
  readonly idCardExpiry: string;
}

export interface Account {
  readonly idNumber: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly state: 'registered' | 'pending_bank' | 'active';
  readonly mobile: string | null;
  readonly email: string | null;
  readonly language: 'ar' | 'en';
  readonly securityQuestionAr: string | null;
  readonly securityQuestionEn: string | null;
  readonly securityAnswerHash: string | null;
  readonly failedAttempts: number;
  readonly lockedUntil: number | null;
  readonly mustChangePassword: boolean;
  readonly addressJson: string | null;
}

type AccountState = 'none' | 'registered' | 'pending_bank' | 'active' | 'locked';

/** Anything that can run a read: a write transaction, or the database's reader. */
export type Reader = Pick<Tx, 'get' | 'all'>;

const holderTypeSchema = z.enum(['citizen', 'resident']);
const stateSchema = z.enum(['registered', 'pending_bank', 'active']);
const languageSchema = z.enum(['ar', 'en']);

function toPerson(row: Row): Person {
  return {
    idNumber: text(row, 'id_number'),
    holderType: holderTypeSchema.parse(text(row, 'holder_type')),
    nameAr: text(row, 'name_ar'),
    nameEn: text(row, 'name_en'),
    mobile: optionalText(row, 'mobile'),
    idCardType: text(row, 'id_card_type'),
    idCardExpiry: text(row, 'id_card_expiry'),
  };
}

function toAccount(row: Row): Account {
  return {
    idNumber: text(row, 'id_number'),
    username: text(row, 'username'),
    passwordHash: text(row, 'password_hash'),
    state: stateSchema.parse(text(row, 'state')),
    mobile: optionalText(row, 'mobile'),
    email: optionalText(row, 'email'),
    language: languageSchema.parse(text(row, 'language')),
    securityQuestionAr: optionalText(row, 'security_question_ar'),
    securityQuestionEn: optionalText(row, 'security_question_en'),
    securityAnswerHash: optionalText(row, 'security_answer_hash'),
    failedAttempts: int(row, 'failed_attempts'),
    lockedUntil: optionalInt(row, 'locked_until'),
    mustChangePassword: int(row, 'must_change_password') === 1,
    addressJson: optionalText(row, 'address_json'),
  };
}

export async function findPerson(db: Reader, idNumber: string): Promise<Person | null> {
  const row = await db.get('SELECT * FROM persons WHERE id_number = ?', [idNumber]);
  return row ? toPerson(row) : null;
}

/** The account whose ID number, username or mobile is this (each names at most one account: unique columns). */
async function accountWhere(db: Reader, column: 'id_number' | 'username' | 'mobile', value: string): Promise<Account | null> {
  const row = await db.get(`SELECT * FROM accounts WHERE ${column} = ?`, [value]);
  return row ? toAccount(row) : null;
}

export const findAccount = (db: Reader, idNumber: string): Promise<Account | null> => accountWhere(db, 'id_number', idNumber);
export const findAccountByUsername = (db: Reader, username: string): Promise<Account | null> => accountWhere(db, 'username', username);
export const findAccountByMobile = (db: Reader, mobile: string): Promise<Account | null> => accountWhere(db, 'mobile', mobile);

export function accountStateOf(account: Account | null, now: number): AccountState {
  if (!account) return 'none';
  if (account.state === 'active' && account.lockedUntil !== null && account.lockedUntil > now) return 'locked';
  return account.state;
}

/** ISO date (YYYY-MM-DD) of an instant, for comparing with document dates. */
export function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function idExpired(person: Person, now: number): boolean {
  return person.idCardExpiry < isoDay(now);
}
