import { createRng, type Rng, seedFrom } from '../fingerprint/prng';
import type { LabPerson, LabViolation } from './population';

/**
 * The demo's answers to the catalogue's inquiries that have no table of their
 * own in the registry (issue 14): dependants and sponsored workers of a
 * resident, vehicles of a citizen, insurance, Hajj, travel restrictions.
 * Deterministic per person (same ID, same records); dates are relative to the
 * moment the registry is seeded, so "expiring soon" and "within 30 days" mean
 * something on any day the demo runs. Central works out each validity's
 * status and days left when it answers.
 */

const DAY_MS = 86_400_000;
const day = (now: number, offsetDays: number): string => new Date(now + offsetDays * DAY_MS).toISOString().slice(0, 10);
const digits = (rng: Rng, count: number, first = ''): string => first + Array.from({ length: count - first.length }, () => String(rng.integer(0, 9))).join('');
const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.integer(0, items.length - 1)] as T;

const WORKERS = [
  { ar: 'ماريا لوبيز', en: 'Maria Lopez' }, { ar: 'سيتي نور', en: 'Siti Nur' }, { ar: 'أمينة بيغوم', en: 'Amina Begum' },
  { ar: 'جون ديلا كروز', en: 'John Dela Cruz' }, { ar: 'راجو ثابا', en: 'Raju Thapa' },
] as const;
const FAMILY = [{ ar: 'الزوجة', en: 'Spouse' }, { ar: 'الابن', en: 'Son' }, { ar: 'الابنة', en: 'Daughter' }] as const;
const OCCUPATIONS = [{ ar: 'عاملة منزلية', en: 'Housemaid' }, { ar: 'سائق خاص', en: 'Private driver' }, { ar: 'طباخ', en: 'Cook' }] as const;
const INSURERS = ['Tawuniya', 'Bupa Arabia', 'Medgulf', 'Walaa'] as const;
const MODELS = ['Toyota Camry 2021', 'Hyundai Elantra 2020', 'Nissan Patrol 2022', 'Ford Taurus 2019'] as const;

/** Each inquiry's answer for this person, by service id (only the services that read these records). */
export function serviceRecords(person: LabPerson, index: number, now: number): Record<string, unknown> {
  const rng = createRng(seedFrom('records', person.idNumber));
  const resident = person.holderType === 'resident';
  // The featured active resident (index 5) sponsors workers and has dependants; the featured citizen (index 0) has vehicles.
  const sponsors = index === 5 || index === 0 || rng.next() < 0.4;
  const workers = sponsors ? WORKERS.slice(0, rng.integer(1, 3)) : [];
  const persons = workers.map((name, i) => ({
    name,
    iqamaNumber: digits(rng, 10, '2'),
    occupation: pick(rng, OCCUPATIONS),
    expiresOn: day(now, i === 0 ? 40 : rng.integer(-60, 600)),
  }));
  const vehicleCount = index === 0 ? 2 : person.violations.length > 0 ? rng.integer(1, 2) : 0;
  const vehicles = Array.from({ length: vehicleCount }, (_, i) => ({
    plate: `${pick(rng, ['ABJ', 'RSD', 'KHT', 'NLM'])} ${rng.integer(1000, 9999)}`,
    model: pick(rng, MODELS),
    insurer: pick(rng, INSURERS),
    expiresOn: day(now, i === 0 ? 25 : rng.integer(-30, 360)),
  }));
  const licence = person.documents.find((d) => d.type === 'drivingLicence');
  const hajjYear = rng.next() < 0.3 ? new Date(now).getUTCFullYear() - rng.integer(1, 4) : null;
  const records: Record<string, unknown> = {
    sponsoredPersons: { persons },
    workerArrivals: {
      arrivals: workers.map((name, i) => ({ name, relation: i === 2 ? 'visitor' : 'domesticWorker', visaNumber: digits(rng, 10), ...(i === 0 ? { status: 'arrived', arrivedOn: day(now, -rng.integer(20, 300)) } : { status: 'notArrived' }) })),
    },
    recruitmentInfo: {
      requests: sponsors ? [{ requestNumber: digits(rng, 10), occupation: pick(rng, OCCUPATIONS), status: pick(rng, ['underReview', 'approved', 'visaIssued']), filedOn: day(now, -rng.integer(5, 90)) }] : [],
    },
    returningWorkers: {
      workers: workers.slice(0, 1).map((name) => ({ name, leftOn: day(now, -20), returnBefore: day(now, 40), status: 'abroad' })),
    },
    fingerprintRegistered: { status: person.fingers.length > 0 ? 'registered' : 'notRegistered', fingers: person.fingers.length },
    medicalInsurance: { policies: resident ? [{ insurer: pick(rng, INSURERS), policyNumber: digits(rng, 9), expiresOn: day(now, index === 5 ? 60 : rng.integer(-30, 365)) }] : [] },
    vehicleInsurance: { vehicles },
    impoundedVehicles: { vehicles: vehicles.slice(0, index === 0 ? 0 : rng.next() < 0.3 ? 1 : 0).map((v) => ({ plate: v.plate, impoundedOn: day(now, -rng.integer(1, 20)), place: { ar: 'حجز المرور - الرياض', en: 'Traffic impound, Riyadh' }, reason: { ar: 'مخالفات غير مسددة', en: 'Unpaid violations' }, feesSar: 200 })) },
    drivingLicence: { licences: licence ? [{ number: licence.number, licenceType: { ar: 'خاصة', en: 'Private' }, expiresOn: licence.expiresOn }] : [] },
    hajjEligibility: hajjYear
      ? { status: 'notEligible', reason: { ar: 'أديت الحج خلال السنوات الخمس الماضية', en: 'You performed Hajj within the last five years' }, lastHajjYear: hajjYear }
      : { status: 'eligible', reason: { ar: 'لم تؤد الحج خلال السنوات الخمس الماضية', en: 'You have not performed Hajj in the last five years' } },
    travelRestrictions: { restrictions: index !== 0 && rng.next() < 0.1 ? [{ type: { ar: 'منع سفر', en: 'Travel ban' }, issuedBy: { ar: 'محكمة التنفيذ', en: 'Enforcement court' }, since: day(now, -rng.integer(10, 400)) }] : [] },
    dependants: { visas: resident || index === 0 ? FAMILY.slice(0, 2).map((holder, i) => ({ holder, visaNumber: digits(rng, 10), type: 'multiple', status: i === 0 ? 'issued' : 'used', issuedOn: day(now, -30), validUntil: day(now, 60), durationDays: 90 })) : [] },
  };
  return records;
}

/**
 * One unpaid violation issued a few days before seeding, for everyone who has
 * violations, so the objection's 30-day window has something in it (the
 * population's own violations are older).
 */
export function recentViolation(person: LabPerson, now: number): LabViolation | null {
  if (person.violations.length === 0) return null;
  const rng = createRng(seedFrom('recentViolation', person.idNumber));
  return {
    violationNumber: digits(rng, 10, '9'),
    occurredAt: new Date(now - rng.integer(2, 10) * DAY_MS).toISOString(),
    description: { ar: 'تجاوز السرعة المحددة', en: 'Exceeding the speed limit' },
    city: 'Riyadh',
    plate: person.violations[0]?.plate ?? 'ABJ 1000',
    amountSar: 300,
    status: 'unpaid',
  };
}
