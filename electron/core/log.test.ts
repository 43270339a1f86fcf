import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, lastFour, scrubText } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('logs carry no personal data', () => {
  it('an ID number field keeps only its last four digits', () => {
    const { log, lines } = capture();
    log.info({ idNumber: '1000000008', session: { mobile: '+966501234567' } }, 'lookup');
    expect(lines.join('')).not.toContain('1000000008');
    expect(lines.join('')).not.toContain('501234567');
    expect(lines.join('')).toContain('…0008');
  });

  it('secrets, names and biometrics are removed outright', () => {
    const { log, lines } = capture();
    log.info({ password: 'Secret123', otp: '4821', template: 'AAAA', person: { name: 'Fahad Alharbi' } }, 'step');
    const text = lines.join('');
    for (const secret of ['Secret123', '4821', 'AAAA', 'Fahad']) expect(text).not.toContain(secret);
  });

  it('redacts an SMS code by path, and keeps error codes readable', () => {
    const { log, lines } = capture();
    log.info({ event: 'rpc.call', input: { code: '4821' }, request: { body: { code: '7315' } }, sessionToken: 'tok-abc', answer: 'blue' }, 'code entered');
    log.warn({ event: 'rpc.refused', code: 'otp_wrong', err: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), error: { code: 'account_locked' } }, 'refused');
    const text = lines.join('');
    for (const secret of ['4821', '7315', 'tok-abc', 'blue']) expect(text).not.toContain(secret);
    for (const errorCode of ['otp_wrong', 'ECONNRESET', 'account_locked']) expect(text).toContain(errorCode);
  });

  it('digit runs in free text are masked', () => {
    const { log, lines } = capture();
    log.warn(`card 4111111111111111 for id 2000000006 refused`);
    const text = lines.join('');
    expect(text).not.toContain('4111111111111111');
    expect(text).not.toContain('2000000006');
  });

  it('no ID-shaped number survives scrubbing', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[12][0-9]{9}$/), fc.string(), (before, id, after) => {
        return !scrubText(`${before} ${id} ${after}`).includes(id);
      }),
      { numRuns: 10_000 },
    );
  });

  it('lastFour never reveals more than four characters', () => {
    expect(lastFour('1000000008')).toBe('…0008');
    expect(lastFour('12')).toBe('****');
  });
});
