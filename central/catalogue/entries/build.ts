import type { CatalogueEntry, InputField, ServiceGroup, ValueField } from '../../../common/wire/catalogue';

/** Shorthands for writing the catalogue: the document itself is checked with the wire schema (catalogue.test.ts). */
type Words = { ar: string; en: string };
export const w = (ar: string, en: string): Words => ({ ar, en });

/** The portal's address for its service pages (demo: a neutral host; a deployment's central publishes its own). */
const PORTAL = 'https://portal.example.gov.sa/services/';

type Common = { id: string; order: number; title: Words; description: Words; icon: string; keywords?: string[] };

export function journey(group: ServiceGroup, c: Common, audience: 'anyone' | 'signedIn', endpoints: string[], devices: ('fingerprint' | 'cardSlot')[] = []): CatalogueEntry {
  return { ...c, group, kind: 'journey', audience, devices, endpoints };
}

export function portal(group: ServiceGroup, c: Common, needs: Words[], slug = c.id): CatalogueEntry {
  return { ...c, group, kind: 'portal', audience: 'anyone', devices: [], endpoints: [], needs, url: `${PORTAL}${slug}` };
}

export const statusOf = (values: Record<string, [Words, 'ok' | 'warning' | 'problem' | 'neutral']>): ValueField['statuses'] =>
  Object.fromEntries(Object.entries(values).map(([value, [label, tone]]) => [value, { label, tone }]));

/** Values that only name something (a document's kind, a relation): each shown by its label, in no tone. */
export const labelsOf = (values: Record<string, Words>): ValueField['statuses'] => statusOf(Object.fromEntries(Object.entries(values).map(([value, label]) => [value, [label, 'neutral']])));

export const field = (key: string, label: Words, type: ValueField['type'], extra: Partial<ValueField> = {}): ValueField => ({ key, label, type, ...extra });

/** Document validity as central computes it from the expiry date (valid / expiring within 90 days / expired). */
export const VALIDITY = statusOf({
  valid: [w('سارية', 'Valid'), 'ok'],
  expiringSoon: [w('تنتهي قريباً', 'Expiring soon'), 'warning'],
  expired: [w('منتهية', 'Expired'), 'problem'],
});

export const validityFields = (what: Words): ValueField[] => [
  field('status', w('الحالة', 'Status'), 'status', { statuses: VALIDITY }),
  field('expiresOn', w(`تاريخ انتهاء ${what.ar}`, `${what.en} expires on`), 'date'),
  field('daysLeft', w('الأيام المتبقية', 'Days left'), 'days'),
];

export function inquiry(
  group: ServiceGroup,
  c: Common,
  audience: 'signedIn' | 'citizen' | 'resident',
  result: Extract<CatalogueEntry, { kind: 'inquiry' }>['result'],
  inputs: InputField[] = [],
): CatalogueEntry {
  return { ...c, group, kind: 'inquiry', audience, devices: [], endpoints: ['runInquiry'], inputs, result, receipt: true };
}
