import type { z } from 'zod';
import type { CentralContext } from '../context';
import type { catalogueEntryFixtureSchema } from '../../common/wire/dev';
import type { ResultSection, ValueField } from '../../common/wire/catalogue';
import { type Answer, problem, success } from '../http/answers';
import { withValidity } from '../catalogue/answers';

type Fixture = z.infer<typeof catalogueEntryFixtureSchema>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2}))?$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether one value fits its field as the kiosk will read it (electron/core/catalogue/resultView.ts): central shares only common/ with the kiosk. */
function valueProblem(field: ValueField, raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return field.optional ? null : `${field.key}: missing`;
  const fits = (() => {
    switch (field.type) {
      case 'text':
        return typeof raw === 'string' && raw.length <= 300;
      case 'maskedNumber':
        return typeof raw === 'string' || typeof raw === 'number';
      case 'localized':
        return isRecord(raw) && typeof raw.ar === 'string' && typeof raw.en === 'string';
      case 'date':
        return typeof raw === 'string' && ISO_DAY.test(raw) && !Number.isNaN(Date.parse(raw.slice(0, 10)));
      case 'money':
        return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0;
      case 'number':
      case 'days':
        return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0;
      case 'status':
        return typeof raw === 'string' && field.statuses?.[raw] !== undefined;
    }
  })();
  return fits ? null : `${field.key}: not a ${field.type}`;
}

/** What is wrong with one answer against the entry's result layout (as central will serve it: validity added), or nothing. */
function answerProblems(layout: readonly ResultSection[], answer: unknown): string[] {
  if (!isRecord(answer)) return ['not an object'];
  return layout.flatMap((section) => {
    if (section.type === 'fields') return section.fields.flatMap((field) => valueProblem(field, answer[field.key]) ?? []);
    const rows = answer[section.key];
    if (!Array.isArray(rows) || rows.length > 200 || !rows.every(isRecord)) return [`${section.key}: not a table`];
    return rows.flatMap((row, index) => section.columns.flatMap((column) => valueProblem(column, row[column.key]) ?? []).map((p) => `${section.key}[${index}].${p}`));
  });
}

/**
 * `POST /dev/catalogue` (demo profile): an entry and what it answers for
 * whom. Everything is checked before anything is written — the catalogue
 * with the entry in it, that records go only with an inquiry, that each
 * names a person and fits the entry's result layout — then the records and
 * the entry go in together (the catalogue changes only once the records'
 * transaction has run; if the catalogue refuses, the transaction rolls back).
 * A bad fixture leaves the store and the catalogue untouched.
 */
export async function putCatalogueFixture(context: CentralContext, { entry, records }: Fixture): Promise<Answer> {
  const catalogueProblem = context.catalogue.check(entry);
  if (catalogueProblem) return problem('invalid_request', `The catalogue would not be valid; nothing was changed: ${catalogueProblem}`.slice(0, 300));
  if (records.length > 0 && entry.kind !== 'inquiry') return problem('invalid_request', `Records go only with an inquiry; ${entry.id} is a ${entry.kind}.`);
  const issues = records.flatMap((record, index) =>
    entry.kind === 'inquiry' ? answerProblems(entry.result, withValidity(record.body, context.now())).map((message) => ({ path: `body/records/${index}/body`, message })) : [],
  );
  if (issues.length > 0) return problem('invalid_request', 'A record does not fit the entry’s result layout; nothing was changed.', { issues: issues.slice(0, 20) });
  const ids = [...new Set(records.map((r) => r.idNumber))];
  const known = ids.length === 0 ? [] : await context.db.all(`SELECT id_number FROM persons WHERE id_number IN (${ids.map(() => '?').join(', ')})`, ids);
  if (known.length !== ids.length) return problem('person_not_found', 'A record names no person in the registry; nothing was changed.');
  try {
    const { catalogueVersion } = await context.db.transaction(async (tx) => {
      for (const record of records) await tx.run('INSERT OR REPLACE INTO service_records (service_id, id_number, body) VALUES (?, ?, ?)', [entry.id, record.idNumber, JSON.stringify(record.body)]);
      // Last in the transaction: a refusal here (the catalogue changed meanwhile) rolls the records back.
      return context.catalogue.put(entry);
    });
    context.log.warn({ serviceId: entry.id, catalogueVersion, records: records.length }, 'catalogue entry put by the dev route');
    return success(200, { catalogueVersion });
  } catch (error) {
    return problem('invalid_request', `The catalogue would not be valid; nothing was changed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
}
