import { luhnCheckDigit } from '../luhn';
import { FINGER_NAMES, type FingerName } from '../fingerprint/fingers';
import { createRng, type Rng, seedFrom } from '../fingerprint/prng';

/**
 * The demo's people: a deterministic population (same seed, same people on
 * every machine) that the reference central server seeds its registry from
 * and the simulated lab draws fingers and cards from (drivers/lab/cards.ts
 * makes a person's cards). Demo data, shared by both sides, so it lives here.
 *
 * A person's fingers are the synthetic source's `{ personId, finger }` with
 * personId = the ID number, so the lab and the central side agree on prints.
 *
 * Demo credentials: every account (registered, pending_bank, active, locked)
 * has the password DEMO_PASSWORD; the usernames are in the population (the
 * first people are fixed, see FEATURED below and central/README.md).
 */

export const DEMO_PASSWORD = 'Kiosk2030demo';
const DEFAULT_POPULATION_SEED = 20_300;
const DEFAULT_POPULATION_SIZE = 60;

export type HolderType = 'citizen' | 'resident';
export type LabAccountState = 'none' | 'registered' | 'pending_bank' | 'active' | 'locked';

export interface LabAccount {
  /** 'locked' is an active account whose sign-in lock is in force (5 failed passwords). */
  readonly state: Exclude<LabAccountState, 'none'>;
  readonly username: string;
  readonly password: string;
  readonly language: 'ar' | 'en';
  readonly securityQuestion: { readonly ar: string; readonly en: string };
  readonly securityAnswer: string;
  /** The account has no mobile number (it moved to another account): nothing can be sent to it until one is added. */
  readonly withoutMobile?: true;
}

export interface LabIdCard {
  readonly type: 'nationalId' | 'iqama';
  readonly issuedOn: string;
  /** YYYY-MM-DD */
  readonly expiry: string;
}

export interface LabBankCard {
  readonly pan: string;
  readonly bankCode: string;
  /** Track 1 form: SURNAME/GIVEN */
  readonly nameOnCard: string;
  /** YYYY-MM */
  readonly expiry: string;
}

export interface LabVisa {
  readonly visaNumber: string;
  readonly type: 'single' | 'multiple';
  readonly status: 'issued' | 'used' | 'expired' | 'cancelled';
  readonly issuedOn: string;
  readonly validUntil: string;
  readonly durationDays: number;
}

export interface LabViolation {
  readonly violationNumber: string;
  readonly occurredAt: string;
  readonly description: { readonly ar: string; readonly en: string };
  readonly city: string;
  readonly plate: string;
  readonly amountSar: number;
  readonly status: 'unpaid' | 'paid' | 'underObjection' | 'objectionRejected' | 'cancelled';
}

export interface LabDocument {
  readonly type: 'nationalId' | 'iqama' | 'passport' | 'drivingLicence' | 'vehicleRegistration';
  readonly number: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
}

export interface LabPerson {
  /** The synthetic fingerprint source's person id (= idNumber). */
  readonly personId: string;
  readonly idNumber: string;
  readonly holderType: HolderType;
  readonly nameAr: string;
  readonly nameEn: string;
  readonly dateOfBirth: string;
  readonly nationality: string;
  /** E.164; the number the person has (an account's mobile, or the one to register with). */
  readonly mobile: string;
  readonly email: string;
  readonly idCard: LabIdCard;
  readonly account: LabAccount | null;
  readonly fingers: readonly FingerName[];
  readonly bankCard: LabBankCard | null;
  readonly visas: readonly LabVisa[];
  readonly violations: readonly LabViolation[];
  readonly documents: readonly LabDocument[];
}

export interface LabTechnician {
  readonly techId: string;
  readonly name: string;
  /** Demo only; a real technician PIN never sits in source. */
  readonly pin: string;
  /** Demo only: the 128-bit secret on the card's track 3 (32 hex digits; technicianCardSecret.ts), which central's demo verifier is made with. */
  readonly cardSecret: string;
}

export interface LabPopulation {
  readonly seed: number;
  readonly people: readonly LabPerson[];
  readonly technicians: readonly LabTechnician[];
}

const MALE = [
  ['فيصل', 'Faisal'], ['محمد', 'Mohammed'], ['عبدالله', 'Abdullah'], ['خالد', 'Khalid'], ['سلطان', 'Sultan'],
  ['عمر', 'Omar'], ['يوسف', 'Yousef'], ['ماجد', 'Majed'], ['تركي', 'Turki'], ['ناصر', 'Nasser'],
  ['إبراهيم', 'Ibrahim'], ['سعد', 'Saad'], ['فهد', 'Fahad'], ['بندر', 'Bandar'], ['راشد', 'Rashed'],
] as const;
const FEMALE = [
  ['نورة', 'Noura'], ['سارة', 'Sarah'], ['ريم', 'Reem'], ['لمى', 'Lama'], ['هيا', 'Haya'],
  ['منيرة', 'Munira'], ['دانة', 'Dana'], ['عبير', 'Abeer'], ['أمل', 'Amal'], ['جواهر', 'Jawaher'],
  ['شهد', 'Shahad'], ['لطيفة', 'Latifa'], ['مها', 'Maha'], ['أسماء', 'Asma'], ['رهف', 'Rahaf'],
] as const;
const FAMILIES = [
  ['الحربي', 'Alharbi'], ['العتيبي', 'Alotaibi'], ['القحطاني', 'Alqahtani'], ['الشمري', 'Alshammari'], ['الدوسري', 'Aldosari'],
  ['الغامدي', 'Alghamdi'], ['الزهراني', 'Alzahrani'], ['المطيري', 'Almutairi'], ['السبيعي', 'Alsubaie'], ['العنزي', 'Alanazi'],
] as const;
/** Residents: a name and the nationality on the iqama. */
const RESIDENT_NAMES = [
  ['أحمد حسن', 'Ahmed Hassan', 'EG'], ['راجيش كومار', 'Rajesh Kumar', 'IN'], ['محمد رفيق', 'Mohammed Rafiq', 'PK'],
  ['خوسيه سانتوس', 'Jose Santos', 'PH'], ['عمر حداد', 'Omar Haddad', 'JO'], ['فاطمة علي', 'Fatima Ali', 'SD'],
  ['أنيتا ماري', 'Anita Mary', 'IN'], ['سامي خليل', 'Sami Khalil', 'LB'], ['ريتا فرنانديز', 'Rita Fernandez', 'PH'],
  ['كريم منصور', 'Karim Mansour', 'EG'],
] as const;
const CITIES = ['Riyadh', 'Jeddah', 'Dammam', 'Makkah', 'Madinah', 'Abha', 'Tabuk', 'Buraydah'] as const;
const QUESTIONS = [
  { ar: 'ما اسم مدرستك الابتدائية؟', en: 'What was the name of your primary school?', answers: ['Alnoor', 'Alfajr', 'Alamal'] },
  { ar: 'ما اسم مدينة ميلاد والدتك؟', en: 'In which city was your mother born?', answers: ['Taif', 'Hail', 'Jazan'] },
  { ar: 'ما اسم صديق طفولتك؟', en: 'What is the name of your childhood friend?', answers: ['Hamad', 'Salem', 'Ali'] },
] as const;
const VIOLATIONS = [
  { ar: 'تجاوز السرعة المحددة', en: 'Exceeding the speed limit', amount: 300 },
  { ar: 'قطع الإشارة الضوئية', en: 'Running a red light', amount: 3000 },
  { ar: 'عدم ربط حزام الأمان', en: 'Not wearing a seat belt', amount: 150 },
  { ar: 'استخدام الجوال أثناء القيادة', en: 'Using a mobile phone while driving', amount: 500 },
  { ar: 'الوقوف في مكان ممنوع', en: 'Parking in a no-parking zone', amount: 100 },
] as const;
const PLATE_LETTERS = ['ABJ', 'RSD', 'KHT', 'NLM', 'HDB', 'TXR'] as const;
/** The banks whose cards the demo population holds (the simulated bank host answers for all of them: common/demo/bank.ts). */
export const DEMO_BANK_CODES = ['RJHI', 'SNB', 'RIBL', 'ALBI'] as const;

/**
 * The first people are fixed so demos and docs can name them; their states
 * cover every account state. Index → what the rest of the person is built on.
 */
const FEATURED: readonly { state: LabAccountState; holderType: HolderType; expiredId?: true; bankCard?: true; username?: string }[] = [
  { state: 'active', holderType: 'citizen', bankCard: true, username: 'Faisal1042' },
  { state: 'none', holderType: 'citizen' },
  { state: 'registered', holderType: 'citizen', bankCard: true },
  { state: 'pending_bank', holderType: 'citizen', bankCard: true },
  { state: 'locked', holderType: 'citizen' },
  { state: 'active', holderType: 'resident', bankCard: true },
  { state: 'none', holderType: 'resident' },
  { state: 'none', holderType: 'citizen', expiredId: true },
  { state: 'registered', holderType: 'resident' },
  { state: 'active', holderType: 'citizen', expiredId: true },
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDate = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.integer(0, items.length - 1)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

function dateBetween(rng: Rng, fromYear: number, toYear: number): string {
  return isoDate(rng.integer(fromYear, toYear), rng.integer(1, 12), rng.integer(1, 28));
}

function luhnNumber(rng: Rng, prefix: string, length: number): string {
  let payload = prefix;
  while (payload.length < length - 1) payload += String(rng.integer(0, 9));
  return `${payload}${luhnCheckDigit(payload) ?? '0'}`;
}

function enrolledFingers(rng: Rng): FingerName[] {
  // Most people enrol all ten; some have fewer (injury, worn prints), never fewer than two.
  if (rng.next() < 0.8) return [...FINGER_NAMES];
  const kept = FINGER_NAMES.filter(() => rng.next() < 0.7);
  return kept.length >= 2 ? kept : ['rightIndex', 'leftIndex'];
}

function stateFor(rng: Rng): LabAccountState {
  const roll = rng.next();
  if (roll < 0.2) return 'none';
  if (roll < 0.35) return 'registered';
  if (roll < 0.42) return 'pending_bank';
  if (roll < 0.47) return 'locked';
  return 'active';
}

/** Build the population. Same seed and size → the same people, field for field. */
export function generatePopulation(seed = DEFAULT_POPULATION_SEED, size = DEFAULT_POPULATION_SIZE): LabPopulation {
  const rng = createRng(seedFrom('population', seed));
  const usedIds = new Set<string>();
  const usedMobiles = new Set<string>();
  const usedUsernames = new Set<string>();
  const people: LabPerson[] = [];

  for (let index = 0; index < size; index += 1) {
    const featured = FEATURED[index];
    // The first featured person carries the published example number.
    const holderType: HolderType = featured?.holderType ?? (rng.next() < 0.7 ? 'citizen' : 'resident');
    let idNumber = index === 0 ? '1000000008' : '';
    while (idNumber === '' || usedIds.has(idNumber)) idNumber = luhnNumber(rng, holderType === 'citizen' ? '1' : '2', 10);
    usedIds.add(idNumber);

    let nameAr: string;
    let nameEn: string;
    let givenEn: string;
    let nationality = 'SA';
    if (holderType === 'citizen') {
      const names: readonly (readonly [string, string])[] = rng.next() < 0.5 ? MALE : FEMALE;
      const given = pick(rng, names);
      const family = pick(rng, FAMILIES);
      nameAr = `${given[0]} ${family[0]}`;
      nameEn = `${given[1]} ${family[1]}`;
      givenEn = given[1];
    } else {
      const resident = pick(rng, RESIDENT_NAMES);
      nameAr = resident[0];
      nameEn = resident[1];
      givenEn = resident[1].split(' ')[0] ?? 'Guest';
      nationality = resident[2];
    }
    if (index === 0) {
      nameAr = 'فيصل الحربي';
      nameEn = 'Faisal Alharbi';
      givenEn = 'Faisal';
    }

    let mobile = '';
    while (mobile === '' || usedMobiles.has(mobile)) mobile = `+9665${pick(rng, ['0', '3', '4', '5', '6', '9'])}${pad(rng.integer(0, 9_999_999), 7)}`;
    usedMobiles.add(mobile);
    const email = `${nameEn.toLowerCase().replace(/[^a-z]+/g, '.')}${index}@example.sa`;

    const expiredId = featured?.expiredId ?? (featured === undefined && rng.next() < 0.06);
    const idIssued = dateBetween(rng, 2016, 2021);
    const idCard: LabIdCard = {
      type: holderType === 'citizen' ? 'nationalId' : 'iqama',
      issuedOn: idIssued,
      expiry: expiredId ? dateBetween(rng, 2022, 2024) : dateBetween(rng, 2028, 2034),
    };

    const state = featured?.state ?? stateFor(rng);
    let account: LabAccount | null = null;
    if (state !== 'none') {
      let username = featured?.username ?? '';
      while (username === '' || usedUsernames.has(username)) username = `${givenEn.replace(/[^A-Za-z]/g, '')}${rng.integer(1000, 9999)}`;
      usedUsernames.add(username);
      const question = pick(rng, QUESTIONS);
      account = {
        state,
        username,
        password: DEMO_PASSWORD,
        language: rng.next() < 0.75 ? 'ar' : 'en',
        securityQuestion: { ar: question.ar, en: question.en },
        securityAnswer: pick(rng, question.answers),
      };
    }

    const hasBankCard = featured?.bankCard ?? (featured === undefined && rng.next() < 0.4);
    const bankCard: LabBankCard | null = hasBankCard
      ? {
          pan: luhnNumber(rng, '4847', 16),
          bankCode: pick(rng, DEMO_BANK_CODES),
          nameOnCard: `${(nameEn.split(' ')[1] ?? nameEn).toUpperCase()}/${(nameEn.split(' ')[0] ?? '').toUpperCase()}`.slice(0, 26),
          expiry: `${rng.integer(2027, 2031)}-${pad(rng.integer(1, 12))}`,
        }
      : null;

    const visas: LabVisa[] = [];
    if (holderType === 'resident' || rng.next() < 0.15) {
      const count = rng.integer(index === 5 ? 1 : 0, 3);
      for (let v = 0; v < count; v += 1) {
        const year = rng.integer(2023, 2026);
        const durationDays = pick(rng, [30, 60, 90, 180]);
        const status = pick(rng, ['issued', 'used', 'expired', 'cancelled'] as const);
        visas.push({
          visaNumber: pad(rng.integer(0, 9_999_999_999), 10),
          type: rng.next() < 0.7 ? 'single' : 'multiple',
          status,
          issuedOn: isoDate(year, rng.integer(1, 12), rng.integer(1, 28)),
          validUntil: status === 'issued' ? dateBetween(rng, 2027, 2028) : isoDate(year + 1, rng.integer(1, 12), rng.integer(1, 28)),
          durationDays,
        });
      }
    }

    const violations: LabViolation[] = [];
    const violationCount = index === 0 ? 2 : rng.next() < 0.5 ? rng.integer(1, 3) : 0;
    for (let v = 0; v < violationCount; v += 1) {
      const kind = pick(rng, VIOLATIONS);
      violations.push({
        violationNumber: pad(rng.integer(0, 9_999_999_999), 10),
        occurredAt: `${dateBetween(rng, 2024, 2025)}T${pad(rng.integer(6, 22))}:${pad(rng.integer(0, 59))}:00.000Z`,
        description: { ar: kind.ar, en: kind.en },
        city: pick(rng, CITIES),
        plate: `${pick(rng, PLATE_LETTERS)} ${rng.integer(1000, 9999)}`,
        amountSar: kind.amount,
        status: index === 0 && v === 0 ? 'unpaid' : pick(rng, ['unpaid', 'unpaid', 'paid', 'underObjection', 'cancelled'] as const),
      });
    }

    const documents: LabDocument[] = [{ type: idCard.type, number: idNumber, issuedOn: idCard.issuedOn, expiresOn: idCard.expiry }];
    if (rng.next() < 0.7) {
      documents.push({ type: 'passport', number: `${holderType === 'citizen' ? 'K' : 'P'}${pad(rng.integer(0, 9_999_999), 7)}`, issuedOn: dateBetween(rng, 2019, 2023), expiresOn: dateBetween(rng, 2024, 2031) });
    }
    if (rng.next() < 0.6) {
      documents.push({ type: 'drivingLicence', number: pad(rng.integer(0, 9_999_999_999), 10), issuedOn: dateBetween(rng, 2018, 2023), expiresOn: dateBetween(rng, 2025, 2033) });
    }
    if (violations.length > 0) {
      documents.push({ type: 'vehicleRegistration', number: pad(rng.integer(0, 999_999_999), 9), issuedOn: dateBetween(rng, 2020, 2024), expiresOn: dateBetween(rng, 2025, 2029) });
    }

    people.push({
      personId: idNumber,
      idNumber,
      holderType,
      nameAr,
      nameEn,
      dateOfBirth: dateBetween(rng, 1955, 2005),
      nationality,
      mobile,
      email,
      idCard,
      account,
      fingers: enrolledFingers(rng),
      bankCard,
      visas,
      violations,
      documents,
    });
  }

  const technicians: LabTechnician[] = [
    { techId: '1001', name: 'Technician One', pin: '2468', cardSecret: '5d41402abc4b2a76b9719d911017c592' },
    { techId: '1002', name: 'Technician Two', pin: '1357', cardSecret: '7e2a9c4f0b8d13e65a7c2f9e0d4b6a18' },
  ];
  markNoMobileHolder(people);
  return { seed, people, technicians };
}

/**
 * The last registered person past the featured ones who has no bank card
 * gets one, and an account with no mobile on it: the card holder an ATM
 * must tell to add a mobile at a kiosk first. Done after every random draw,
 * so no one else changes; their card comes last of the registered holders.
 */
function markNoMobileHolder(people: LabPerson[]): void {
  const index = people.findLastIndex((person, i) => i >= FEATURED.length && person.account?.state === 'registered' && person.bankCard === null);
  const person = people[index];
  if (!person?.account) return;
  // A fixed demo PAN, like the bank's special cards (drivers/bankHost/customers.ts): nothing of the ID number in it.
  const payload = '484799000000004';
  const [given = '', surname = given] = person.nameEn.split(' ');
  people[index] = {
    ...person,
    account: { ...person.account, withoutMobile: true },
    bankCard: {
      pan: `${payload}${luhnCheckDigit(payload) ?? '0'}`,
      bankCode: DEMO_BANK_CODES[1],
      nameOnCard: `${surname.toUpperCase()}/${given.toUpperCase()}`.replace(/[^A-Z/ .'-]/g, '').slice(0, 26),
      expiry: '2030-06',
    },
  };
}
