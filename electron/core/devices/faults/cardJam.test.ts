import { afterEach, expect, it } from 'vitest';
import { eventually, insertWhenOpen, type LabRig, startLabRig } from '../testing/labRig';

let rig: LabRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('a jam on eject: typed "jammed", status hardwareError, and online again once a retry moves the card', async () => {
  const r = (rig = await startLabRig());
  const { cardSlot } = r.devices;
  await eventually(() => cardSlot.status === 'online', 'online after start');
  const waiting = cardSlot.waitForCard();
  await insertWhenOpen(r, r.lab.cards.find((card) => card.kind === 'technician')?.id ?? 'missing');
  await waiting;

  await r.control('/fault', { device: 'cardSlot', kind: 'jam' });
  expect(await cardSlot.eject()).toEqual({ ok: false, error: { type: 'jammed' } });
  expect(cardSlot.status).toBe('hardwareError');
  expect(r.changes.at(-1)).toEqual({ device: 'cardSlot', status: 'hardwareError' });

  expect(await cardSlot.eject()).toEqual({ ok: true, value: undefined });
  expect(cardSlot.status).toBe('online');
});

it('the card pulled out as the reader retains it counts as taken', async () => {
  const r = (rig = await startLabRig());
  const { cardSlot } = r.devices;
  await eventually(() => cardSlot.status === 'online', 'online after start');
  const waiting = cardSlot.waitForCard();
  await insertWhenOpen(r, `nationalId-${r.lab.people[3]?.idNumber ?? ''}`);
  await waiting;

  await r.control('/fault', { device: 'cardSlot', kind: 'cardPulled' });
  expect(await cardSlot.returnCard({ takeTimeoutMs: 200 })).toEqual({ ok: true, value: { outcome: 'taken' } });
  expect(r.lab.state().cardSlot.counters.retained).toBe(0);
});
