import { describe, expect, it } from 'vitest';
import { standalone } from './standalone';

describe('standalone', () => {
  it('finds a secret standing on its own in JSON, a log line or words', () => {
    expect('{"pin":"1357"}').toMatch(standalone('1357'));
    expect('PIN 1357 entered').toMatch(standalone('1357'));
    expect('[1357]').toMatch(standalone('1357'));
    expect('{"n":1357}').toMatch(standalone('1357'));
  });

  it('does not find it inside a timestamp, a hash or another number', () => {
    expect('{"now":1796498975594}').not.toMatch(standalone('4989'));
    expect('a3f1357bc0').not.toMatch(standalone('1357'));
    expect('x13570').not.toMatch(standalone('1357'));
  });

  it('takes the secret as text, not as a pattern', () => {
    expect('05X XXX X829').toMatch(standalone('X829'));
    expect('a+b').toMatch(standalone('a+b'));
    expect('aab').not.toMatch(standalone('a+b'));
  });
});
