import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkServiceInputs } from '../../common/rules';
import { type CatalogueEntry, serviceCatalogueSchema } from '../../common/wire/catalogue';
import { defaultCatalogueEntries } from './store';

const catalogue = { catalogueVersion: 'test', services: defaultCatalogueEntries() };

/** RULES.md "Service catalogue": each service the seeds name (shortened wording) → the catalogue entry that serves it. */
const SEED_SERVICES: Record<string, string[]> = {
  'new user': ['register'],
  'activate account': ['activate'],
  'sign in': ['signIn'],
  'forgot password': ['recoverPassword'],
  'recover username': ['recoverUsername'],
  'update mobile (lost number)': ['updateMobile'],
  'edit user information: password, e-mail, mobile, address': ['changePassword', 'changeEmail', 'changeMobile', 'changeAddress'],
  'medical insurance validity (resident)': ['medicalInsurance'],
  'visa status (exit/re-entry, entry)': ['visaStatus'],
  'iqama expiry': ['iqamaExpiry'],
  'arrival of domestic workers / visitors': ['workerArrivals'],
  'sponsored persons': ['sponsoredPersons'],
  'recruitment information': ['recruitmentInfo'],
  'workers returning from abroad': ['returningWorkers'],
  'fingerprint registered': ['fingerprintRegistered'],
  'work visa requests': ['workVisaRequests'],
  'issue / renew passport': ['passportRenewal'],
  'travel permit for a family member': ['familyTravelPermit'],
  'issue / renew iqama': ['iqamaRenewal'],
  'resident report, premium residency': ['residentReport'],
  'exit/re-entry and final-exit visas': ['exitReentryVisa'],
  'extend a visit visa': ['visitVisaExtension'],
  "domestic workers' services and authorisations": ['domesticWorkerServices'],
  "investors' services": ['investorServices'],
  appointments: ['passportAppointments', 'trafficAppointments'],
  'entry permit to Makkah': ['makkahEntryPermit'],
  'update passport data': ['passportDataUpdate'],
  'renew driving licence': ['renewLicence'],
  'add / remove a vehicle user': ['vehicleUsers'],
  'vehicle sale': ['vehicleSale'],
  'vehicle negotiation services': ['vehicleNegotiation'],
  'my traffic violations and their fees': ['trafficViolations'],
  'object to a violation': ['violationObjection'],
  'vehicle insurance expiry': ['vehicleInsurance'],
  'impounded vehicles': ['impoundedVehicles'],
  'driving-licence details': ['drivingLicence'],
  'replace a lost document': ['lostDocumentReplacement'],
  'report lost documents': ['lostDocumentReport'],
  "family record (issue, mother's copy)": ['familyRecord'],
  'register a birth or a death': ['birthDeathRegistration'],
  'martyr-of-duty service': ['martyrService'],
  '"my data" (بياناتي)': ['myData'],
  'national ID validity': ['nationalIdValidity'],
  'personal information check': ['personalInfoCheck'],
  'Hajj eligibility and permits': ['hajjEligibility'],
  'travel restrictions': ['travelRestrictions'],
  'iqama and ID expiry': ['documentValidity'],
  "parents' affairs": ['parentsAffairs'],
  'recruitment appointments': ['recruitmentAppointments'],
  visas: ['visas'],
  'contract authentication': ['contractAuthentication'],
  '"Qubool"': ['qubool'],
};

/** The table in the design documents' RULES.md (../shared, beside the repository). */
function rulesTable(): { group: string; services: string[]; atKiosk: string }[] {
  const path = new URL('../../../shared/RULES.md', import.meta.url);
  const text = readFileSync(path, 'utf8');
  const section = text.slice(text.indexOf('## Service catalogue'), text.indexOf('* **Objection to a traffic violation'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| group') && !line.startsWith('|---'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => ({ group: cells[1] ?? '', services: (cells[2] ?? '').split(';').map((s) => s.trim()).filter(Boolean), atKiosk: cells[3] ?? '' }));
}

const GROUPS: Record<string, CatalogueEntry['group'][]> = {
  account: ['account', 'editProfile'],
  inquiries: ['inquiries'],
  passports: ['passports'],
  traffic: ['traffic'],
  'civil affairs': ['civilAffairs'],
  general: ['general'],
};
const KINDS: Record<string, CatalogueEntry['kind'][]> = { kiosk: ['journey'], inquiry: ['inquiry'], 'inquiry (objection: form)': ['inquiry', 'form'], portal: ['portal'] };

describe('the service catalogue', () => {
  it('is a valid catalogue', () => {
    expect(serviceCatalogueSchema.safeParse(catalogue).success).toBe(true);
  });

  it('has every service RULES.md names, in its group and of the kind the table says; nothing else', () => {
    const table = rulesTable();
    expect(table.length).toBeGreaterThanOrEqual(10);
    const named = new Set<string>();
    for (const row of table) {
      for (const service of row.services) {
        const ids = SEED_SERVICES[service];
        expect(ids, `RULES.md names “${service}”: map it to a catalogue entry`).toBeDefined();
        for (const id of ids ?? []) {
          const entry = catalogue.services.find((s) => s.id === id);
          expect(entry, `${service} → ${id}`).toBeDefined();
          // "appointments" is in two groups: each of its entries is in one of them.
          if (service !== 'appointments') expect(GROUPS[row.group], `${id} group`).toContain(entry?.group);
          expect(KINDS[row.atKiosk], `${id} kind`).toContain(entry?.kind);
          named.add(id);
        }
      }
    }
    expect(catalogue.services.map((s) => s.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it('refuses a document with a duplicate, a form picking from no table, a bad URL or control characters', () => {
    const [first] = catalogue.services;
    if (!first) throw new Error('empty');
    const bad = (services: unknown[]) => serviceCatalogueSchema.safeParse({ catalogueVersion: 'x', services }).success;
    expect(bad([first, first])).toBe(false);
    const form = catalogue.services.find((s) => s.kind === 'form');
    expect(bad([form])).toBe(false);
    const portal = catalogue.services.find((s) => s.kind === 'portal');
    expect(bad([{ ...portal, url: 'http://portal.example/x' }])).toBe(false);
    expect(bad([{ ...first, title: { ar: 'a\u202Eb', en: 'x' } }])).toBe(false);
  });

  it('property: any entry with a changed field is valid exactly when each of its texts is clean and its ids are keys', () => {
    const entry = catalogue.services.find((s) => s.kind === 'inquiry');
    if (!entry) throw new Error('no inquiry');
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (id, title) => {
        const parsed = serviceCatalogueSchema.safeParse({ catalogueVersion: 'p', services: [{ ...entry, id, title: { ar: title, en: 'x' } }] });
        const idOk = /^[a-z][A-Za-z0-9]{1,47}$/.test(id);
        const titleOk = title.length >= 1 && title.length <= 120 && !/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u.test(title);
        expect(parsed.success).toBe(idOk && titleOk);
      }),
    );
  });

  it('property: the objection inputs pass only with a listed reason and clean text of at most 300 characters', () => {
    const form = catalogue.services.find((s) => s.kind === 'form');
    if (form?.kind !== 'form') throw new Error('no form');
    fc.assert(
      fc.property(fc.constantFrom('notTheDriver', 'vehicleSold', 'wrongDetails', 'other', 'bogus', ''), fc.string({ maxLength: 320 }), (reason, details) => {
        const checked = checkServiceInputs(form.inputs, { reason, details });
        const clean = details.normalize('NFC').trim();
        const detailsOk = clean.length > 0 && [...clean].length <= 300 && !/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(clean) && clean.replace(/[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800]/gu, '').length > 0;
        expect(checked.ok).toBe(['notTheDriver', 'vehicleSold', 'wrongDetails', 'other'].includes(reason) && detailsOk);
      }),
    );
  });
});
