import { describe, expect, it } from 'vitest';
import { Reachability } from './reachability';
import type { CentralError } from './centralError';

const down: CentralError = { type: 'unreachable', cause: 'network', detail: 'ECONNREFUSED' };

function tracker() {
  let now = 0;
  const r = new Reachability({ failuresBeforeUnreachable: 3, silenceMs: 90_000, now: () => now });
  const heard: boolean[] = [];
  r.onChange((v) => heard.push(v));
  return { r, heard, advance: (ms: number) => (now += ms) };
}

describe('reachability', () => {
  it('is unknown until the first call, and a first failure already says unreachable', () => {
    const { r, heard } = tracker();
    expect(r.current).toBeNull();
    r.record({ ok: false, error: down });
    expect(heard).toEqual([false]);
  });

  it('turns unreachable only after N consecutive failures, and reachable on the next answer', () => {
    const { r, heard } = tracker();
    r.record({ ok: true });
    r.record({ ok: false, error: down });
    r.record({ ok: false, error: down });
    r.record({ ok: true });
    r.record({ ok: false, error: down });
    r.record({ ok: false, error: down });
    expect(heard).toEqual([true]);
    r.record({ ok: false, error: { type: 'serverError', status: 503, code: 'service_unavailable' } });
    expect(heard).toEqual([true, false]);
    r.record({ ok: true });
    expect(heard).toEqual([true, false, true]);
  });

  it('counts a problem answer as contact, except a refused certificate', () => {
    const { r, heard } = tracker();
    const problem = (code: string): CentralError => ({ type: 'problem', status: 401, code, detail: '', problem: { type: '', title: '', status: 401, detail: '', code } });
    r.record({ ok: false, error: problem('otp_wrong') });
    expect(heard).toEqual([true]);
    r.record({ ok: false, error: problem('certificate_revoked') });
    expect(heard).toEqual([true, false]);
  });

  it('turns unreachable after a long silence', () => {
    const { r, heard, advance } = tracker();
    r.record({ ok: true });
    advance(89_999);
    r.checkSilence();
    advance(1);
    r.checkSilence();
    expect(heard).toEqual([true, false]);
  });
});
