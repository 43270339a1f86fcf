import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { ResultSection, ValueField } from '../../../common/wire/catalogue';
import type { ResultCell, ResultSectionView, ResultValue } from '../../contract/catalogue';

/**
 * Central's answer to an inquiry or form, read with the entry's result layout:
 * every value checked against its type before it reaches a screen (a date is
 * a date, money a non-negative amount, a status one the entry names), every
 * number of the `maskedNumber` type masked here so no full number leaves the
 * core. An answer that does not fit is refused whole (`invalid_answer`).
 */

/** Shows the last four characters only: `******1234` (at least four stars, so a short one does not look whole). */
export function maskNumber(value: string): string {
  const clean = value.replace(/\s+/g, '');
  return `${'*'.repeat(Math.max(4, clean.length - 4))}${clean.slice(-4)}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2}))?$/;

function isLocalized(value: unknown): value is { ar: string; en: string } {
  return typeof value === 'object' && value !== null && typeof (value as { ar?: unknown }).ar === 'string' && typeof (value as { en?: unknown }).en === 'string';
}

export function readValue(field: ValueField, raw: unknown): Result<ResultValue, string> {
  if (raw === undefined || raw === null || raw === '') return field.optional ? ok({ type: 'none' }) : err(`${field.key}: missing`);
  switch (field.type) {
    case 'text':
      return typeof raw === 'string' && raw.length <= 300 ? ok({ type: 'text', text: raw }) : err(`${field.key}: not text`);
    case 'maskedNumber':
      return typeof raw === 'string' || typeof raw === 'number' ? ok({ type: 'maskedNumber', text: maskNumber(String(raw)) }) : err(`${field.key}: not a number`);
    case 'localized':
      return isLocalized(raw) && raw.ar.length <= 300 && raw.en.length <= 300 ? ok({ type: 'localized', text: { ar: raw.ar, en: raw.en } }) : err(`${field.key}: not Arabic and English text`);
    case 'date': {
      const match = typeof raw === 'string' ? ISO_DAY.exec(raw) : null;
      if (!match || Number.isNaN(Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`))) return err(`${field.key}: not a date`);
      return ok({ type: 'date', date: `${match[1]}-${match[2]}-${match[3]}` });
    }
    case 'money':
      return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? ok({ type: 'money', amount: raw }) : err(`${field.key}: not an amount`);
    case 'number':
    case 'days':
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? ok({ type: field.type, count: raw }) : err(`${field.key}: not a count`);
    case 'status': {
      const status = typeof raw === 'string' ? field.statuses?.[raw] : undefined;
      return status && typeof raw === 'string' ? ok({ type: 'status', status: raw, label: status.label, tone: status.tone }) : err(`${field.key}: not a status it names`);
    }
  }
}

export function readCells(fields: readonly ValueField[], source: Record<string, unknown>): Result<ResultCell[], string> {
  const cells: ResultCell[] = [];
  for (const field of fields) {
    const value = readValue(field, source[field.key]);
    if (!value.ok) return value;
    cells.push({ key: field.key, label: field.label, value: value.value });
  }
  return ok(cells);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rows of one table of the answer, raw (a form keeps them to know which row was picked). */
export function tableRows(answer: unknown, key: string): Result<Record<string, unknown>[], string> {
  const rows = isRecord(answer) ? answer[key] : undefined;
  if (!Array.isArray(rows) || rows.length > 200 || !rows.every(isRecord)) return err(`${key}: not a table`);
  return ok(rows);
}

export function readResult(layout: readonly ResultSection[], answer: unknown): Result<ResultSectionView[], string> {
  if (!isRecord(answer)) return err('the answer is not an object');
  const sections: ResultSectionView[] = [];
  for (const section of layout) {
    const title = section.title ? { title: section.title } : {};
    if (section.type === 'fields') {
      const cells = readCells(section.fields, answer);
      if (!cells.ok) return cells;
      sections.push({ type: 'fields', ...title, fields: cells.value });
      continue;
    }
    const rows = tableRows(answer, section.key);
    if (!rows.ok) return rows;
    const read: ResultCell[][] = [];
    for (const row of rows.value) {
      const cells = readCells(section.columns, row);
      if (!cells.ok) return cells;
      read.push(cells.value);
    }
    sections.push({ type: 'table', key: section.key, ...title, rows: read, empty: section.empty });
  }
  return ok(sections);
}
