import type { CentralContext } from '../context';
import { type Answer, problem, success } from '../http/answers';
import { cityInBothLanguages, maskMobile } from '../../common/rules';
import type { InquiryEntry } from '../../common/wire/catalogue';
import { int, text } from '../store/columns';
import { findAccount, findPerson, isoDay, type Person, type Reader } from '../citizens/registry';

const DAY_MS = 86_400_000;
/** A document is "expiring soon" within this many days of its end (the same window as /v1/citizens/me/documents). */
export const EXPIRING_SOON_DAYS = 90;
/** RULES.md (*default*): an objection within 30 days of the violation's issue. */
const OBJECTION_WINDOW_DAYS = 30;

/** valid / expiringSoon / expired and the days left, worked out as central answers (never stored). */
export function validity(expiresOn: string, now: number): { status: 'valid' | 'expiringSoon' | 'expired'; daysLeft: number } {
  const daysLeft = Math.max(0, Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${isoDay(now)}T00:00:00Z`)) / DAY_MS));
  const today = isoDay(now);
  return { status: expiresOn < today ? 'expired' : daysLeft <= EXPIRING_SOON_DAYS ? 'expiringSoon' : 'valid', daysLeft: expiresOn < today ? 0 : daysLeft };
}

/** Every object with an `expiresOn` day gets its validity (a record's own `status` wins). */
export function withValidity(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => withValidity(item, now));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, withValidity(inner, now)] as const);
  const object = Object.fromEntries(entries) as Record<string, unknown>;
  return typeof object.expiresOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(object.expiresOn) ? { ...validity(object.expiresOn, now), ...object } : object;
}

/** Why a violation can or cannot be objected to now. */
export function objectionState(status: string, occurredAt: string, objected: boolean, now: number): 'allowed' | 'paid' | 'tooLate' | 'alreadyObjected' | 'closed' {
  if (objected || status === 'underObjection' || status === 'objectionRejected') return 'alreadyObjected';
  if (status === 'paid') return 'paid';
  if (status !== 'unpaid') return 'closed';
  return now - Date.parse(occurredAt) > OBJECTION_WINDOW_DAYS * DAY_MS ? 'tooLate' : 'allowed';
}

interface ViolationView {
  readonly violationNumber: string;
  readonly occurredAt: string;
  readonly description: { readonly ar: string; readonly en: string };
  /** Where, in both languages (the registry keeps the English name). */
  readonly city: { readonly ar: string; readonly en: string };
  readonly plate: string;
  readonly amountSar: number;
  readonly status: string;
  readonly objection: ReturnType<typeof objectionState>;
}

/** A person's violations, newest first, each with whether it may be objected to now (the old route and the catalogue's inquiry both show these). */
export async function violationsOf(db: Reader, idNumber: string, now: number): Promise<ViolationView[]> {
  const rows = await db.all('SELECT v.*, o.objection_id FROM violations v LEFT JOIN objections o ON o.violation_number = v.violation_number WHERE v.id_number = ? ORDER BY v.occurred_at DESC', [idNumber]);
  return rows.map((row) => ({
    violationNumber: text(row, 'violation_number'),
    occurredAt: text(row, 'occurred_at'),
    description: { ar: text(row, 'description_ar'), en: text(row, 'description_en') },
    city: cityInBothLanguages(text(row, 'city')),
    plate: text(row, 'plate'),
    amountSar: int(row, 'amount_sar'),
    status: text(row, 'status'),
    objection: objectionState(text(row, 'status'), text(row, 'occurred_at'), row.objection_id !== null && row.objection_id !== undefined, now),
  }));
}

type Handler = (db: Reader, context: CentralContext, person: Person) => Promise<Record<string, unknown>>;

async function records(db: Reader, serviceId: string, idNumber: string): Promise<Record<string, unknown> | null> {
  const row = await db.get('SELECT body FROM service_records WHERE service_id = ? AND id_number = ?', [serviceId, idNumber]);
  return row ? (JSON.parse(text(row, 'body')) as Record<string, unknown>) : null;
}

/** The inquiries with a table of their own in the registry; every other one reads `service_records`. */
const HANDLERS: Record<string, Handler> = {
  async visaStatus(db, _context, person) {
    const own = await db.all('SELECT * FROM visas WHERE id_number = ? ORDER BY issued_on DESC', [person.idNumber]);
    const dependants = ((await records(db, 'dependants', person.idNumber))?.visas ?? []) as Record<string, unknown>[];
    const you = { ar: `${person.nameAr} (أنت)`, en: `${person.nameEn} (you)` };
    const shape = (v: { visaNumber: string; type: string; status: string; issuedOn: string; validUntil: string; durationDays: number }, holder: unknown) => ({
      holder,
      visaNumber: v.visaNumber,
      type: v.type,
      status: v.status,
      // Issued, not used: leave before its end; used: come back within its duration.
      ...(v.status === 'issued' ? { leaveBefore: v.validUntil } : {}),
      ...(v.status === 'used' ? { returnBefore: isoDay(Date.parse(`${v.issuedOn}T00:00:00Z`) + v.durationDays * DAY_MS) } : {}),
      durationDays: v.durationDays,
    });
    return {
      visas: [
        ...own.map((row) => shape({ visaNumber: text(row, 'visa_number'), type: text(row, 'type'), status: text(row, 'status'), issuedOn: text(row, 'issued_on'), validUntil: text(row, 'valid_until'), durationDays: int(row, 'duration_days') }, you)),
        ...dependants.map((v) => shape(v as never, v.holder)),
      ],
    };
  },
  async trafficViolations(db, context, person) {
    const violations = await violationsOf(db, person.idNumber, context.now());
    return { violations: violations.map(({ occurredAt, objection, ...v }) => ({ ...v, occurredAt: occurredAt.slice(0, 10), objection, objectionAllowed: objection === 'allowed' })) };
  },
  async documentValidity(db, context, person) {
    const rows = await db.all('SELECT * FROM documents WHERE id_number = ? ORDER BY type', [person.idNumber]);
    const insurance = ((await records(db, 'medicalInsurance', person.idNumber))?.policies ?? []) as { policyNumber: string; expiresOn: string }[];
    return {
      documents: [
        ...rows.map((row) => ({ type: text(row, 'type'), numberLast4: text(row, 'number').slice(-4), expiresOn: text(row, 'expires_on'), ...validity(text(row, 'expires_on'), context.now()) })),
        ...insurance.map((p) => ({ type: 'medicalInsurance', numberLast4: p.policyNumber.slice(-4), expiresOn: p.expiresOn, ...validity(p.expiresOn, context.now()) })),
      ],
    };
  },
  async iqamaExpiry(db, context, person) {
    return idCardValidity(db, context, person);
  },
  async nationalIdValidity(db, context, person) {
    return idCardValidity(db, context, person);
  },
  async myData(db, _context, person) {
    const row = await db.get('SELECT date_of_birth, nationality FROM persons WHERE id_number = ?', [person.idNumber]);
    return {
      name: { ar: person.nameAr, en: person.nameEn },
      idNumber: person.idNumber,
      holder: person.holderType,
      nationality: row ? text(row, 'nationality') : '',
      dateOfBirth: row ? text(row, 'date_of_birth') : '',
      mobile: person.mobile ? maskMobile(person.mobile) : '—',
    };
  },
  async personalInfoCheck(db, _context, person) {
    const account = await findAccount(db, person.idNumber);
    const has = (value: unknown) => (value ? 'registered' : 'missing');
    return { mobile: has(account?.mobile), email: has(account?.email), address: has(account?.addressJson) };
  },
  async drivingLicence(db, _context, person) {
    const stored = (await records(db, 'drivingLicence', person.idNumber)) ?? { licences: [] };
    const licences = (stored.licences ?? []) as { number: string }[];
    return { licences: licences.map(({ number, ...rest }) => ({ numberLast4: number.slice(-4), ...rest })) };
  },
};

async function idCardValidity(db: Reader, context: CentralContext, person: Person): Promise<Record<string, unknown>> {
  const row = await db.get("SELECT number, expires_on FROM documents WHERE id_number = ? AND type IN ('nationalId', 'iqama')", [person.idNumber]);
  const expiresOn = row ? text(row, 'expires_on') : person.idCardExpiry;
  return { numberLast4: person.idNumber.slice(-4), expiresOn, ...validity(expiresOn, context.now()) };
}

/** An answer with nothing in it, read from the entry's own layout: every table empty. */
function emptyAnswer(entry: InquiryEntry): Record<string, unknown> {
  return Object.fromEntries(entry.result.flatMap((section) => (section.type === 'table' ? [[section.key, []]] : [])));
}

/** One inquiry of the catalogue for the signed-in person: refused when it is not for their kind of ID. */
export async function runInquiry(db: Reader, context: CentralContext, entry: InquiryEntry, idNumber: string): Promise<Answer> {
  const person = await findPerson(db, idNumber);
  if (!person) return problem('session_invalid', 'The person behind this session no longer exists.');
  if ((entry.audience === 'citizen' || entry.audience === 'resident') && person.holderType !== entry.audience) {
    return problem('service_not_for_you', `${entry.id} is for ${entry.audience}s only.`);
  }
  const handler = HANDLERS[entry.id];
  const body = handler ? await handler(db, context, person) : ((await records(db, entry.id, idNumber)) ?? emptyAnswer(entry));
  return success(200, withValidity(body, context.now()));
}
