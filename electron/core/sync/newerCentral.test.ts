import { describe, expect, it } from 'vitest';
import { heartbeatAnswer, outboxAnswer, problemAnswer } from './newerCentral';

/** What a central one version ahead may send, read by this kiosk without choking on it. */
describe('answers from a newer central', () => {
  const beat = { configVersion: '7', serverTime: '2030-01-01T00:00:00.000Z' };

  it('keep a command this kiosk does not know as an id and a type, beside the ones it knows', () => {
    const parsed = heartbeatAnswer.parse({
      ...beat,
      commands: [
        { id: 'CMD-000000000001', issuedAt: '2030-01-01T00:00:00.000Z', type: 'reloadUi' },
        { id: 'CMD-000000000002', issuedAt: '2030-01-01T00:00:00.000Z', type: 'selfDestruct', countdown: 10 },
      ],
    });
    expect(parsed.commands).toEqual([
      { id: 'CMD-000000000001', issuedAt: '2030-01-01T00:00:00.000Z', type: 'reloadUi' },
      { id: 'CMD-000000000002', type: 'selfDestruct' },
    ]);
  });

  it('still refuse a known command that breaks its schema (it is not "unknown")', () => {
    const parsed = heartbeatAnswer.safeParse({ ...beat, commands: [{ id: 'CMD-000000000003', issuedAt: '2030-01-01T00:00:00.000Z', type: 'outOfService' }] });
    expect(parsed.success).toBe(false);
  });

  it('read a refusal with a new problem code as a problem, and an outbox verdict with a new reason as a rejection', () => {
    expect(problemAnswer.parse({ type: 'urn:kiosk-central:problem:x', title: 'X', status: 422, detail: 'x', code: 'brand_new_rule' }).code).toBe('brand_new_rule');
    expect(outboxAnswer.parse({ results: [{ txId: 'KIOSK-T-1', status: 'rejected', code: 'kind_retired', detail: 'gone' }] }).results).toEqual([
      { txId: 'KIOSK-T-1', status: 'rejected', code: 'kind_retired', detail: 'gone' },
    ]);
  });
});
