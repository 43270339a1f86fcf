import { describe, expect, it } from 'vitest';
import { atmServiceCatalogue, atmServiceIds } from './atm';
import { journeyEventSchema } from './serve/journeys';

describe('the ATM contract', () => {
  it('the menu ids the schema takes are the catalogue’s, in its order', () => {
    expect(atmServiceIds).toEqual(atmServiceCatalogue.map((s) => s.id));
  });

  it('CHOOSE_SERVICE takes an ATM menu entry only; PRINT_RECEIPT and CANCEL take nothing else', () => {
    expect(journeyEventSchema.safeParse({ type: 'CHOOSE_SERVICE', service: 'atmStatus' }).success).toBe(true);
    expect(journeyEventSchema.safeParse({ type: 'CHOOSE_SERVICE', service: 'activate' }).success).toBe(false);
    expect(journeyEventSchema.safeParse({ type: 'CANCEL', card: 'back' }).success).toBe(false);
    expect(journeyEventSchema.safeParse({ type: 'PRINT_RECEIPT' }).success).toBe(true);
  });
});
