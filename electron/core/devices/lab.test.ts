import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFinger, encodeCharFile, MATCH_THRESHOLD, matchCharFiles } from '../../../drivers/fingerprint/synthetic';
import { CAPTURE_FORMAT as CENTRAL_CAPTURE_FORMAT } from '../../../common/wire/citizen';
import type { PersonGuidance } from './fingerprint/guidance';
import { eventually, insertWhenOpen, type LabRig, startLabRig } from './testing/labRig';

let rig: LabRig;
beforeAll(async () => {
  rig = await startLabRig();
  await eventually(() => rig.devices.fingerprint.status === 'online' && rig.devices.cardSlot.status === 'online', 'both devices online');
});
afterAll(async () => {
  await rig?.close();
});

const person = (index: number): string => {
  const found = rig.lab.people[index];
  if (!found) throw new Error(`no person ${index}`);
  return found.idNumber;
};

describe('the device manager against the simulated lab', () => {
  it('brings both devices online after start and pushes the change', () => {
    expect(rig.changes).toContainEqual({ device: 'fingerprint', status: 'online' });
    expect(rig.changes).toContainEqual({ device: 'cardSlot', status: 'online' });
    expect(rig.devices.statuses().magstripe).toBe('noDevice');
  });

  it('captures a finger into a package whose template matches the same finger, not another person', async () => {
    const idNumber = person(0);
    const guidance: PersonGuidance[] = [];
    let placing: Promise<{ status: number }> | undefined;
    const captured = await rig.devices.fingerprint.capture({
      onGuidance: (g) => {
        guidance.push(g);
        // The person puts the finger down when asked, once the reader has seen the glass clear.
        if (g === 'placeFinger') placing ??= rig.control('/fingerprint/place', { person: idNumber, finger: 'right-index' });
      },
    });
    expect((await placing)?.status).toBe(200);
    await rig.control('/fingerprint/lift', {});
    if (!captured.ok) throw new Error(JSON.stringify(captured.error));
    const pkg = captured.value;
    expect(pkg).toMatchObject({ format: CENTRAL_CAPTURE_FORMAT, deviceId: 'lab-fingerprint', quality: 100 });
    expect(Number.isNaN(Date.parse(pkg.capturedAt))).toBe(false);
    expect(guidance.at(-1)).toBe('captured');
    expect(guidance).toContain('holdStill');

    const template = Uint8Array.from(Buffer.from(pkg.template, 'base64'));
    const sameFinger = encodeCharFile(captureFinger({ personId: idNumber, finger: 'rightIndex' }, 4242));
    const otherPerson = encodeCharFile(captureFinger({ personId: person(1), finger: 'rightIndex' }, 4242));
    const same = matchCharFiles(sameFinger, template);
    const other = matchCharFiles(otherPerson, template);
    expect(same.ok && same.value.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(other.ok && other.value.score).toBeLessThan(MATCH_THRESHOLD);
    // The R503 cue for "accepted" is left on.
    expect(rig.lab.state().fingerprint.led).toMatchObject({ control: 'on', colour: 'purple' });
    expect(rig.devices.fingerprint.status).toBe('online');
  });

  it('reads the ID number off an inserted ID card, then retains the card nobody takes', async () => {
    const idNumber = person(0);
    const waiting = rig.devices.cardSlot.waitForCard();
    await insertWhenOpen(rig, `nationalId-${idNumber}`);
    expect(await waiting).toEqual({ ok: true, value: { inserted: true } });

    const identity = await rig.devices.cardSlot.readIdentity();
    expect(identity).toMatchObject({ ok: true, value: { kind: 'nationalId', idNumber, expired: false } });

    const retainedBefore = rig.lab.state().cardSlot.counters.retained;
    expect(await rig.devices.cardSlot.returnCard({ takeTimeoutMs: 300 })).toEqual({ ok: true, value: { outcome: 'retained' } });
    expect(rig.lab.state().cardSlot.counters.retained).toBe(retainedBefore + 1);
    expect(rig.lab.state().cardSlot.state).toBe('captured');
  });

  it('masks a bank card to its last four digits and reports a card the person takes as taken', async () => {
    const bank = rig.lab.cards.find((card) => card.kind === 'bank');
    if (!bank) throw new Error('no bank card in the lab');
    const waiting = rig.devices.cardSlot.waitForCard();
    await insertWhenOpen(rig, bank.id);
    await waiting;
    const identity = await rig.devices.cardSlot.readIdentity();
    if (!identity.ok || identity.value.kind !== 'bank') throw new Error(JSON.stringify(identity));
    const pan = bank.id.replace('bank-', '');
    expect(identity.value.maskedPan).toBe(`${'*'.repeat(pan.length - 4)}${pan.slice(-4)}`);
    expect(JSON.stringify(identity.value)).not.toContain(pan);

    const returning = rig.devices.cardSlot.returnCard({ takeTimeoutMs: 10_000 });
    await eventually(() => rig.lab.state().cardSlot.state === 'atGate', 'the card at the gate');
    expect((await rig.control('/card/take', {})).status).toBe(200);
    expect(await returning).toEqual({ ok: true, value: { outcome: 'taken' } });
  });

  it('clears the slot at session end: the card left inside is handed back or retained and the shutter is closed', async () => {
    const waiting = rig.devices.cardSlot.waitForCard();
    await insertWhenOpen(rig, `nationalId-${person(2)}`);
    await waiting;
    const cleanup = rig.devices.clearForNextPerson();
    await eventually(() => rig.lab.state().cardSlot.state === 'atGate', 'the card at the gate');
    await rig.control('/card/take', {});
    expect(await cleanup).toEqual({ card: 'taken' });
    expect(rig.lab.state().cardSlot.entry).toBe('disabled');
  });

  it('aborts a capture at session end without waiting for its timeout', async () => {
    const capture = rig.devices.fingerprint.capture();
    await eventually(() => rig.devices.fingerprint.status === 'busy', 'the capture running');
    await rig.devices.clearForNextPerson();
    expect(await capture).toEqual({ ok: false, error: { type: 'aborted' } });
    expect(rig.devices.fingerprint.status).toBe('online');
  });
});
