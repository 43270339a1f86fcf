import { describe, expect, it } from 'vitest';
import { checkEmail, checkIdNumber, checkPassword, checkUsername, normaliseMobile } from '../rules';
import { DEMO_PASSWORD, generatePopulation } from './population';
import { cardsOf, technicianCardOf } from '../../drivers/lab/cards';

describe('the lab population', () => {
  const population = generatePopulation();

  it('is the same on every run for the same seed, and different for another seed', () => {
    expect(generatePopulation()).toEqual(population);
    expect(generatePopulation(7).people.map((p) => p.idNumber)).not.toEqual(population.people.map((p) => p.idNumber));
  });

  it('has at least 50 people, citizens (1…) and residents (2…), with valid unique ID numbers', () => {
    expect(population.people.length).toBeGreaterThanOrEqual(50);
    const ids = population.people.map((p) => p.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    for (const person of population.people) {
      const checked = checkIdNumber(person.idNumber);
      expect(checked.ok && checked.value.holderType).toBe(person.holderType);
      expect(person.idCard.type).toBe(person.holderType === 'citizen' ? 'nationalId' : 'iqama');
    }
    expect(population.people.some((p) => p.holderType === 'resident')).toBe(true);
  });

  it('gives everyone a unique E.164 mobile, a valid e-mail and at least two enrolled fingers', () => {
    const mobiles = population.people.map((p) => p.mobile);
    expect(new Set(mobiles).size).toBe(mobiles.length);
    for (const person of population.people) {
      expect(normaliseMobile(person.mobile)).toEqual({ ok: true, value: person.mobile });
      expect(checkEmail(person.email).ok).toBe(true);
      expect(person.fingers.length).toBeGreaterThanOrEqual(2);
      expect(person.nameAr).toMatch(/[\u0600-\u06ff]/);
    }
  });

  it('covers every account state, and every account obeys the username and password rules', () => {
    const states = new Set(population.people.map((p) => p.account?.state ?? 'none'));
    expect([...states].sort()).toEqual(['active', 'locked', 'none', 'pending_bank', 'registered']);
    const usernames = population.people.flatMap((p) => (p.account ? [p.account.username] : []));
    expect(new Set(usernames).size).toBe(usernames.length);
    for (const person of population.people) {
      if (!person.account) continue;
      expect(checkUsername(person.account.username)).toEqual({ ok: true, value: person.account.username });
      expect(checkPassword(DEMO_PASSWORD, person.account.username).ok).toBe(true);
    }
  });

  it('has a few expired IDs, some bank cards, visas, violations and documents, and technician cards', () => {
    const today = '2026-01-01';
    expect(population.people.filter((p) => p.idCard.expiry < today).length).toBeGreaterThanOrEqual(2);
    expect(population.people.filter((p) => p.bankCard).length).toBeGreaterThanOrEqual(5);
    expect(population.people.some((p) => p.visas.length > 0)).toBe(true);
    expect(population.people.some((p) => p.violations.length > 0)).toBe(true);
    expect(population.technicians.length).toBeGreaterThanOrEqual(2);
  });

  it('makes the lab cards each person carries', () => {
    const faisal = population.people[0];
    expect(faisal?.idNumber).toBe('1000000008');
    if (!faisal) return;
    const cards = cardsOf(faisal);
    expect(cards.map((c) => c.kind)).toEqual(['nationalId', 'bank']);
    expect(cards.every((c) => c.holderIdNumber === faisal.idNumber)).toBe(true);
    const technician = population.technicians[0];
    if (technician) expect(technicianCardOf(technician).kind).toBe('technician');
  });
});
