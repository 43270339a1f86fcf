import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultSection, ValueField } from '../../../common/wire/catalogue';
import { maskNumber, readResult, readValue } from './resultView';

const field = (type: ValueField['type'], extra: Partial<ValueField> = {}): ValueField => ({ key: 'value', label: { ar: 'قيمة', en: 'Value' }, type, ...extra });

describe("central's answer read with the entry's layout", () => {
  it('property: a masked number shows at most its last four characters, never fewer than four stars', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,30}$/), (number) => {
        const masked = maskNumber(number);
        expect(masked.endsWith(number.slice(-4))).toBe(true);
        expect(masked.replace(/\*/g, '')).toBe(number.slice(-4));
        expect(masked.match(/\*/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
      }),
    );
  });

  it('property: a date is taken only when it is a real calendar day, with or without a time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), fc.boolean(), (date, withTime) => {
        const iso = date.toISOString();
        const read = readValue(field('date'), withTime ? iso : iso.slice(0, 10));
        expect(read).toEqual({ ok: true, value: { type: 'date', date: iso.slice(0, 10) } });
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const read = readValue(field('date'), text);
        if (read.ok && read.value.type === 'date') expect(Number.isNaN(Date.parse(`${read.value.date}T00:00:00Z`))).toBe(false);
      }),
    );
    expect(readValue(field('date'), '2026-13-45').ok).toBe(false);
  });

  it('property: money and counts are taken only as non-negative numbers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)), (raw) => {
        const money = readValue(field('money'), raw);
        expect(money.ok).toBe(typeof raw === 'number' && Number.isFinite(raw) && raw >= 0);
        const days = readValue(field('days'), raw);
        expect(days.ok).toBe(typeof raw === 'number' && Number.isInteger(raw) && raw >= 0);
      }),
    );
  });

  it('a status is one the entry names; a missing value only when optional; one bad row refuses the whole answer', () => {
    const status = field('status', { statuses: { valid: { label: { ar: 'سارية', en: 'Valid' }, tone: 'ok' } } });
    expect(readValue(status, 'valid')).toMatchObject({ ok: true, value: { type: 'status', tone: 'ok', label: { en: 'Valid' } } });
    expect(readValue(status, 'forged').ok).toBe(false);
    expect(readValue(field('text'), undefined).ok).toBe(false);
    expect(readValue(field('text', { optional: true }), undefined)).toEqual({ ok: true, value: { type: 'none' } });
    const layout: ResultSection[] = [{ type: 'table', key: 'rows', columns: [field('money')], empty: { ar: 'لا شيء', en: 'None' } }];
    expect(readResult(layout, { rows: [{ value: 10 }, { value: -1 }] }).ok).toBe(false);
    expect(readResult(layout, { rows: [] })).toEqual({ ok: true, value: [{ type: 'table', key: 'rows', rows: [], empty: { ar: 'لا شيء', en: 'None' } }] });
    expect(readResult(layout, { rows: 'nope' }).ok).toBe(false);
    expect(readResult(layout, ['not', 'an', 'object']).ok).toBe(false);
  });
});
