import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardSlot } from '../cardSlot/driver';
import { FingerprintReader } from '../fingerprint/driver';
import { openSerialTransport } from '../transport/serial';
import { type Lab, startLab } from './lab';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab?.close();
});

async function call(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const response = await fetch(`${lab.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}

const faisal = '1000000008';

describe('the lab control API', () => {
  it('listens on loopback only and lists people with fingers and card ids, and no secrets', async () => {
    expect(new URL(lab.controlUrl).hostname).toBe('127.0.0.1');
    const { status, body } = await call('/people');
    expect(status).toBe(200);
    const people = body.people as { idNumber: string; fingers: string[]; cards: string[] }[];
    expect(people.length).toBeGreaterThanOrEqual(50);
    expect(people[0]).toMatchObject({ idNumber: faisal, cards: expect.arrayContaining([`nationalId-${faisal}`]) });
    expect(people[0]?.fingers).toContain('right-index');
    const text = JSON.stringify(body);
    for (const secret of ['password', 'Kiosk2030demo', 'securityAnswer', 'pin']) expect(text).not.toContain(secret);
    const cards = (await call('/cards')).body.cards as { id: string; kind: string }[];
    expect(new Set(cards.map((card) => card.kind))).toEqual(new Set(['nationalId', 'iqama', 'bank', 'technician']));
  });

  it('places and lifts a finger, saying whose it is but never the template', async () => {
    const placed = await call('/fingerprint/place', { person: faisal, finger: 'right-index' });
    expect(placed.status).toBe(200);
    expect(placed.body.fingerprint).toMatchObject({ state: 'fingerOnGlass', finger: { person: faisal, finger: 'right-index' } });
    expect((await call('/fingerprint/place', { person: faisal, finger: 'leftThumb' })).status).toBe(200);
    expect((await call('/fingerprint/lift', {})).body.fingerprint).toMatchObject({ state: 'noFinger', finger: null });
  });

  it('answers unknown people, fingers, cards and bad bodies with problem JSON', async () => {
    const unknownPerson = await call('/fingerprint/place', { person: '1999999999', finger: 'right-index' });
    expect(unknownPerson).toMatchObject({ status: 404, type: 'application/problem+json', body: { type: '/problems/unknown-person', status: 404 } });
    expect((await call('/fingerprint/place', { person: faisal, finger: 'right-toe' })).status).toBe(400);
    expect((await call('/card/insert', { card: 'nope' })).status).toBe(404);
    const invalid = await call('/fault', { device: 'printer', kind: 'unplug' });
    expect(invalid).toMatchObject({ status: 400, body: { type: '/problems/invalid-body' } });
    expect((await call('/fault', '{not json')).status).toBe(400);
    expect((await call('/fault', { device: 'fingerprint', kind: 'cardPulled' })).body).toMatchObject({ type: '/problems/fault-not-applicable' });
    expect((await call('/fault', { device: 'cardSlot', kind: 'liftMidCapture' })).body).toMatchObject({ type: '/problems/fault-not-applicable' });
    expect((await call('/card/take', { extra: 1 })).status).toBe(400);
    expect((await call('/nowhere')).status).toBe(404);
    expect((await call('/people', {})).status).toBe(405);
  });

  it('slow adds its delay to a station and none takes it and a hang away, on either device', async () => {
    for (const device of ['cardSlot', 'fingerprint'] as const) {
      expect((await call('/fault', { device, kind: 'slow', delayMs: 250 })).body[device]).toMatchObject({ faults: { slowMs: 250 } });
      expect((await call('/fault', { device, kind: 'slow' })).body[device]).toMatchObject({ faults: { slowMs: 400 } });
      expect((await call('/fault', { device, kind: 'none' })).body[device]).toMatchObject({ faults: { slowMs: 0 } });
    }
    // A fingerprint module that hangs (noAck, or a jam: it has neither) answers again after none.
    expect((await call('/fault', { device: 'fingerprint', kind: 'jam' })).body['fingerprint']).toMatchObject({ faults: { responding: false } });
    expect((await call('/fault', { device: 'fingerprint', kind: 'none' })).body['fingerprint']).toMatchObject({ faults: { slowMs: 0, responding: true } });
  });

  it('refuses a card while the shutter is closed, and a second card while the slot is busy (409)', async () => {
    const idCard = `nationalId-${faisal}`;
    expect((await call('/card/insert', { card: idCard })).body).toMatchObject({ status: 409, type: '/problems/entry-disabled' });
    // Open the shutter the way a kiosk would.
    const host = await openSerialTransport({ path: lab.devices.cardSlot, baudRate: 38400, parity: 'even', noModemLines: true });
    const slot = new CardSlot(host);
    expect((await slot.initialize('dontMove')).ok).toBe(true);
    expect((await slot.enableEntry()).ok).toBe(true);
    expect((await call('/card/insert', { card: idCard })).body.cardSlot).toMatchObject({ state: 'inside', card: { id: idCard, at: 'inside' } });
    expect((await call('/card/insert', { card: idCard })).body).toMatchObject({ status: 409, type: '/problems/slot-busy' });
    expect((await call('/card/take', {})).status).toBe(409);
    expect(await slot.ejectToGate()).toEqual({ ok: true, value: 'atGate' });
    expect((await call('/card/take', {})).body.cardSlot).toMatchObject({ state: 'noCard', counters: { inserted: 1, ejected: 1 } });
    slot.dispose();
    await host.close();
  });

  it('unplug makes the host-side node vanish; replug brings the same path back, and the reader answers again', async () => {
    const path = lab.devices.fingerprint;
    const host = await openSerialTransport({ path, baudRate: 57600, noModemLines: true });
    const closed = new Promise<Error | undefined>((resolve) => host.onClose(resolve));
    expect((await call('/fault', { device: 'fingerprint', kind: 'unplug' })).body.fingerprint).toMatchObject({ plugged: false, state: 'unplugged' });
    expect(existsSync(path)).toBe(false);
    expect(await closed).toBeInstanceOf(Error);

    await call('/fault', { device: 'fingerprint', kind: 'replug' });
    expect(existsSync(path)).toBe(true);
    const again = await openSerialTransport({ path, baudRate: 57600, noModemLines: true });
    const reader = new FingerprintReader(again);
    expect((await reader.readSystemParameters()).ok).toBe(true);
    reader.dispose();
    await again.close();
    // Closing the host end is not an unplug: the link survives for the next client.
    const third = await openSerialTransport({ path, baudRate: 57600, noModemLines: true });
    const reader3 = new FingerprintReader(third);
    expect((await reader3.templateCount()).ok).toBe(true);
    reader3.dispose();
    await third.close();
    expect((await call('/state')).body.fingerprint).toMatchObject({ counters: { unplugs: 1, replugs: 1 } });
  });
});

describe('the lab control API refuses what a web page could send it', () => {
  const raw = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const url = new URL(lab.controlUrl);
      const req = httpRequest({ host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end(init.body);
    });

  it('a request whose Host is not its loopback address is 403 foreign-host (DNS rebinding)', async () => {
    const answer = await raw('/people', { headers: { host: `attacker.example:${new URL(lab.controlUrl).port}` } });
    expect(answer.status).toBe(403);
    expect(answer.body.code ?? answer.body.type).toContain('foreign-host');
    expect((await raw('/people', { headers: { host: `localhost:${new URL(lab.controlUrl).port}` } })).status).toBe(200);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], [undefined]])('a POST with content-type %s is 415 unsupported-media-type', async (type) => {
    const answer = await raw('/fault', { method: 'POST', headers: type ? { 'content-type': type } : {}, body: JSON.stringify({ device: 'fingerprint', kind: 'unplugged' }) });
    expect(answer.status).toBe(415);
  });
});
