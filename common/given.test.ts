import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { given } from './given';

describe('given', () => {
  it('keeps every option that is set, falsy ones too, and leaves out the undefined ones', () => {
    const settings = given({ pollMs: 0, timings: undefined, today: '', reconnect: false, label: null });
    expect(settings).toEqual({ pollMs: 0, today: '', reconnect: false, label: null });
    expect('timings' in settings).toBe(false);
  });

  it('keeps exactly the keys whose value is not undefined, with their values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.option(fc.anything(), { nil: undefined })), (options) => {
        const settings: Record<string, unknown> = given(options);
        expect(Object.keys(settings).sort()).toEqual(Object.keys(options).filter((key) => options[key] !== undefined).sort());
        for (const [key, value] of Object.entries(settings)) expect(value).toBe(options[key]);
      }),
    );
  });
});
