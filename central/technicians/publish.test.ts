import { expect, it } from 'vitest';
import type { CentralContext } from '../context';
import { publishTechnicians } from './technicians';

/** A database that answers the technicians query from an array and counts the reads; a kioskConfig that keeps the list. */
function fakeContext(rows: Record<string, unknown>[], failNext = { value: false }) {
  let reads = 0;
  let body: Record<string, unknown> = {};
  let updates = 0;
  const context = {
    db: {
      all: async () => {
        reads += 1;
        await Promise.resolve();
        if (failNext.value) {
          failNext.value = false;
          throw new Error('database gone for a moment');
        }
        return rows.map((row) => ({ ...row }));
      },
    },
    kioskConfig: {
      peek: () => body,
      update: (change: (b: Record<string, unknown>) => Record<string, unknown>) => {
        updates += 1;
        body = change(body);
        return body;
      },
    },
  } as unknown as Pick<CentralContext, 'db' | 'kioskConfig'>;
  return { context, reads: () => reads, updates: () => updates, technicians: () => body['technicians'] };
}

const row = (id: string) => ({ technician_id: id, name: `Technician ${id}`, card_verifier: null });

it('without maxAgeMs every call reads the list (the configuration route)', async () => {
  const fake = fakeContext([row('1001')]);
  await publishTechnicians(fake.context);
  await publishTechnicians(fake.context);
  expect(fake.reads()).toBe(2);
  // The list did not change: the version (one update) stays.
  expect(fake.updates()).toBe(1);
});

it('heartbeats within maxAgeMs share one read, concurrent ones included; a later one reads again and sees a change', async () => {
  const rows = [row('1001'), row('1002')];
  const fake = fakeContext(rows);
  await Promise.all(Array.from({ length: 20 }, () => publishTechnicians(fake.context, { maxAgeMs: 60_000 })));
  expect(fake.reads()).toBe(1);
  rows.pop();
  await publishTechnicians(fake.context, { maxAgeMs: 60_000 });
  expect(fake.reads()).toBe(1);
  expect(fake.technicians()).toHaveLength(2);
  await publishTechnicians(fake.context, { maxAgeMs: 0 });
  expect(fake.reads()).toBe(2);
  expect(fake.technicians()).toEqual([{ technicianId: '1001', name: 'Technician 1001', offlineVerifier: null }]);
});

it('a failed read is not the answer for the next heartbeat', async () => {
  const failNext = { value: true };
  const fake = fakeContext([row('1001')], failNext);
  await expect(publishTechnicians(fake.context, { maxAgeMs: 60_000 })).rejects.toThrow('database gone');
  await publishTechnicians(fake.context, { maxAgeMs: 60_000 });
  expect(fake.reads()).toBe(2);
  expect(fake.technicians()).toHaveLength(1);
});
