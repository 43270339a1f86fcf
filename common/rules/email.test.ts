import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmail } from './email';

describe('e-mail syntax (RULES.md identifiers)', () => {
  it('accepts ordinary addresses', () => {
    for (const email of ['a@b.sa', 'faisal.alharbi@example.com', 'x+tag@mail.example.org']) expect(checkEmail(email).ok).toBe(true);
  });

  it('refuses what is not an address', () => {
    for (const email of ['', 'a', 'a@', '@b.sa', 'a@b', 'a b@c.sa', 'a@@b.sa', 'a@b..sa', 'a@-b.sa']) expect(checkEmail(email).ok).toBe(false);
  });

  it('accepts every generated local@domain.tld', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/), fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.stringMatching(/^[a-z]{2,6}$/), (local, domain, tld) => {
        expect(checkEmail(`${local}@${domain}.${tld}`).ok).toBe(true);
      }),
    );
  });

  it('refuses anything without exactly one @', () => {
    fc.assert(fc.property(fc.string().filter((s) => s.split('@').length !== 2), (text) => {
      expect(checkEmail(text).ok).toBe(false);
    }));
  });
});
