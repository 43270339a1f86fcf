import { z } from 'zod';

/*
 * The service catalogue central publishes (issue 14, RULES.md "Service
 * catalogue"): every service the portal names, as configuration. A `journey`
 * is built in code (a state machine); an `inquiry` and a `form` run on the
 * kiosk's one generic engine from what their entry says; a `portal` service
 * is explained with a QR code to the portal. The kiosk validates the whole
 * document with this schema and keeps the last good one.
 */

export const SERVICE_GROUPS = ['account', 'editProfile', 'inquiries', 'passports', 'traffic', 'civilAffairs', 'general'] as const;
export type ServiceGroup = (typeof SERVICE_GROUPS)[number];
/** Who may use a service: `signedIn` any account holder; `citizen` / `resident` by the ID's first digit (1 / 2). */
const SERVICE_AUDIENCES = ['anyone', 'signedIn', 'citizen', 'resident'] as const;
const CATALOGUE_DEVICES = ['fingerprint', 'cardSlot', 'printer'] as const;

const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u.test(value), 'no control or bidi-override characters');
const localized = (max = 120) => z.object({ ar: text(max), en: text(max) }).strict();
/** A service's or field's name: camelCase letters and digits. */
const catalogueKey = z.string().regex(/^[a-z][A-Za-z0-9]{1,47}$/);

/** The shared rule (common/rules) an input is checked with, on the kiosk and again on central. */
const INPUT_RULES = ['idNumber', 'mobile', 'digits', 'freeText', 'choice'] as const;
export const inputFieldSchema = z
  .object({
    key: catalogueKey,
    label: localized(),
    hint: localized(200).optional(),
    rule: z.enum(INPUT_RULES),
    /** `digits`: exact length; `freeText`: maximum characters. */
    length: z.number().int().min(1).max(500).optional(),
    optional: z.boolean().optional(),
    /** `choice`: the values a person can pick, each with its words. */
    options: z.array(z.object({ value: catalogueKey, label: localized() }).strict()).min(2).max(12).optional(),
  })
  .strict()
  .superRefine((field, context) => {
    if (field.rule === 'choice' && !field.options) context.addIssue({ code: 'custom', message: 'a choice needs options', path: ['options'] });
    if (field.rule !== 'choice' && field.options) context.addIssue({ code: 'custom', message: 'only a choice has options', path: ['options'] });
    if (field.rule === 'digits' && !field.length) context.addIssue({ code: 'custom', message: 'digits need a length', path: ['length'] });
  });
export type InputField = z.infer<typeof inputFieldSchema>;

const STATUS_TONES = ['ok', 'warning', 'problem', 'neutral'] as const;
/** How one value of central's answer is shown: the kiosk checks the value against its type before it is put on screen. */
const VALUE_TYPES = ['text', 'localized', 'date', 'money', 'number', 'days', 'status', 'maskedNumber'] as const;
export const valueFieldSchema = z
  .object({
    key: catalogueKey,
    label: localized(),
    type: z.enum(VALUE_TYPES),
    /** `status`: each value central may send, its words and tone (colour is never the only cue: the words are shown). */
    statuses: z.record(catalogueKey, z.object({ label: localized(), tone: z.enum(STATUS_TONES) }).strict()).optional(),
    optional: z.boolean().optional(),
  })
  .strict()
  .superRefine((field, context) => {
    if (field.type === 'status' && !field.statuses) context.addIssue({ code: 'custom', message: 'a status needs its statuses', path: ['statuses'] });
  });
export type ValueField = z.infer<typeof valueFieldSchema>;

/** One part of a result: values of the answer's top level, or a table (an array of rows) of it. */
export const resultSectionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fields'), title: localized().optional(), fields: z.array(valueFieldSchema).min(1).max(20) }).strict(),
  z
    .object({
      type: z.literal('table'),
      key: catalogueKey,
      title: localized().optional(),
      columns: z.array(valueFieldSchema).min(1).max(10),
      /** What a person with no row is told ("you have no violations"). */
      empty: localized(200),
    })
    .strict(),
]);
export type ResultSection = z.infer<typeof resultSectionSchema>;
const resultLayoutSchema = z.array(resultSectionSchema).min(1).max(6);

const common = {
  id: catalogueKey,
  group: z.enum(SERVICE_GROUPS),
  order: z.number().int().min(0).max(10_000),
  title: localized(),
  description: localized(240),
  icon: catalogueKey,
  audience: z.enum(SERVICE_AUDIENCES),
  devices: z.array(z.enum(CATALOGUE_DEVICES)).max(3),
  /** The central endpoints it needs (operation ids); empty: it works with central down. */
  endpoints: z.array(catalogueKey).max(10),
  /** Other words people search with. */
  keywords: z.array(text(60)).max(12).optional(),
};

const journeyEntrySchema = z.object({ ...common, kind: z.literal('journey') }).strict();
export const inquiryEntrySchema = z
  .object({
    ...common,
    kind: z.literal('inquiry'),
    inputs: z.array(inputFieldSchema).max(4),
    result: resultLayoutSchema,
    /** The result can be printed and sent by SMS. */
    receipt: z.boolean(),
  })
  .strict();
export const formEntrySchema = z
  .object({
    ...common,
    kind: z.literal('form'),
    /** The row it is about, chosen from an inquiry's table: rows whose `eligibleKey` is true can be chosen, the others say why not (`reasonKey`). */
    pick: z.object({ inquiry: catalogueKey, table: catalogueKey, rowKey: catalogueKey, eligibleKey: catalogueKey, reasonKey: catalogueKey, reasons: z.record(catalogueKey, localized(200)) }).strict(),
    inputs: z.array(inputFieldSchema).min(1).max(4),
    /** What the person confirms before it is sent. */
    confirm: localized(300),
    result: resultLayoutSchema,
    receipt: z.boolean(),
  })
  .strict();
const portalEntrySchema = z
  .object({
    ...common,
    kind: z.literal('portal'),
    /** What the person needs to do it on the portal. */
    needs: z.array(localized(200)).min(1).max(8),
    /** The service's own page on the portal (https), shown as a QR code. */
    url: z.url({ protocol: /^https$/ }).max(300),
  })
  .strict();

export const catalogueEntrySchema = z.discriminatedUnion('kind', [journeyEntrySchema, inquiryEntrySchema, formEntrySchema, portalEntrySchema]);
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
export type InquiryEntry = z.infer<typeof inquiryEntrySchema>;
export type FormEntry = z.infer<typeof formEntrySchema>;

export const serviceCatalogueSchema = z
  .object({
    catalogueVersion: z.string().min(1).max(64),
    services: z.array(catalogueEntrySchema).min(1).max(200),
  })
  .strict()
  .superRefine((catalogue, context) => {
    const ids = new Set<string>();
    for (const [index, service] of catalogue.services.entries()) {
      if (ids.has(service.id)) context.addIssue({ code: 'custom', message: `duplicate service ${service.id}`, path: ['services', index, 'id'] });
      ids.add(service.id);
    }
    for (const [index, service] of catalogue.services.entries()) {
      if (service.kind !== 'form') continue;
      const source = catalogue.services.find((s) => s.id === service.pick.inquiry);
      const table = source?.kind === 'inquiry' ? source.result.find((s) => s.type === 'table' && s.key === service.pick.table) : undefined;
      if (!table) context.addIssue({ code: 'custom', message: `form ${service.id} picks from a table no inquiry has`, path: ['services', index, 'pick'] });
    }
  })
  .meta({ id: 'ServiceCatalogue' });
export type ServiceCatalogueDocument = z.infer<typeof serviceCatalogueSchema>;

/** An inquiry's or a form's inputs, as the person typed them (checked by the rule each field names). */
export const serviceInputsSchema = z.object({ inputs: z.record(catalogueKey, z.string().max(600)).refine((r) => Object.keys(r).length <= 8, 'at most 8 inputs') }).strict().meta({ id: 'ServiceInputs' });
export const serviceParamsSchema = z.object({ serviceId: catalogueKey }).strict();
/** Central's answer to an inquiry or a form: read by the kiosk with the entry's result layout. */
export const serviceAnswerSchema = z.record(z.string(), z.unknown()).meta({ id: 'ServiceAnswer' });
