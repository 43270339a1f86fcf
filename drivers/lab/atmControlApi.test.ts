import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../common/time';
import { demoBankCustomers } from '../bankHost/customers';
import type { AtmDevices } from '../xfs4iot/atm';
import type { NavigationKey, PinKey } from '../xfs4iot/devices/keys';
import { encodeJob } from '../printer/codec';
import { pngToRaster } from '../printer/png';
import { type Raster, blankRaster, isBlack, setBlack } from '../printer/raster';
import { type Lab, startLab } from './lab';
import { authorise, captureLog, connectAtmDevices, until } from './testing/atmKiosk';

/**
 * The ATM routes of the lab's control API, over real HTTP, against a lab
 * running the ATM station, with the kiosk's XFS4IoT devices connected to the
 * station over real WebSockets: what the API does, the kiosk notices.
 */

const captured = captureLog();
let lab: Lab;
let kiosk: AtmDevices;
beforeAll(async () => {
  lab = await startLab({ atm: { port: 0 }, log: captured.log });
  kiosk = await connectAtmDevices(lab.atm!.publisherUrl);
});
afterAll(async () => {
  await kiosk?.close();
  await lab?.close();
});

type Answer = { status: number; type: string; body: Record<string, unknown> };
async function call(path: string, body?: unknown, on: Lab = lab): Promise<Answer> {
  const response = await fetch(`${on.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
}
const atmState = async (): Promise<Record<string, unknown>> => (await call('/atm/state')).body;
const accepting = (): boolean => lab.atm!.control.state().reader.accepting;

const customers = demoBankCustomers();
const [first, second] = customers;
if (!first || !second) throw new Error('the bank host has no customers');
const firstCard = `bank-${first.pan}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
/** How many dots each row with ink has, top to bottom. */
const inkedRows = (raster: Raster): number[] =>
  range(0, raster.height)
    .map((y) => range(0, raster.width).filter((x) => isBlack(raster, x, y)).length)
    .filter((dots) => dots > 0);
const yymm = (expiry: string): string => expiry.slice(2, 4) + expiry.slice(5, 7);

describe('the lab control API with the ATM station', () => {
  it('GET /atm/cards lists the bank cards with masked holder IDs and demo PINs, said to be demo only; /people and /cards stay PIN-free', async () => {
    const { status, body } = await call('/atm/cards');
    expect(status).toBe(200);
    expect(body.notice).toMatch(/^DEMO ONLY/);
    const cards = body.cards as { id: string; status: string; demoPin: string; holderIdMasked: string | null }[];
    expect(cards.find((card) => card.id === firstCard)).toMatchObject({ status: 'valid', demoPin: first.pin, holderIdMasked: `******${first.nationalIdNumber!.slice(-4)}` });
    expect(cards.map((card) => card.status).sort()).toEqual(expect.arrayContaining(['expired', 'unlinked', 'valid']));
    const elsewhere = JSON.stringify([(await call('/people')).body, (await call('/cards')).body]);
    expect(elsewhere).not.toMatch(/demoPin|"pin"/);
  });

  it('POST /atm/card/insert: refused while the ATM asks for no card; taken when it asks, and the simulated ATM reports the card to the kiosk', async () => {
    expect(await call('/atm/card/insert', { card: firstCard })).toMatchObject({ status: 409, type: 'application/problem+json', body: { type: '/problems/atm-not-accepting' } });
    expect((await call('/atm/card/insert', { card: 'bank-1' })).body).toMatchObject({ status: 404, type: '/problems/unknown-card' });
    expect((await call('/atm/card/insert', { cardId: firstCard })).body).toMatchObject({ type: '/problems/invalid-body' });

    const read = kiosk.waitForCard();
    await until(accepting, 'the ATM asks for a card');
    const inserted = await call('/atm/card/insert', { card: firstCard });
    expect(inserted.status).toBe(200);
    expect(inserted.body.atm).toMatchObject({ reader: { position: 'inside', card: { id: firstCard, panLast4: first.pan.slice(-4) } } });
    expect(await read).toEqual({ ok: true, value: { pan: first.pan, expiry: yymm(first.expiry), serviceCode: '201', hasChip: true } });
    expect((await call('/atm/card/insert', { card: firstCard })).body).toMatchObject({ status: 409, type: '/problems/atm-card-inside' });
  });

  it('POST /atm/keys: digits reach the EPP as key presses without their values, Enter ends the entry, and the bank approves the block', async () => {
    const heard: PinKey[] = [];
    const entry = kiosk.readPin({ minLength: 4, maxLength: 12, onKey: (key) => heard.push(key) });
    await until(() => lab.atm!.control.state().keyboard.entry === 'pin', 'the EPP reads a PIN');
    const typed = await call('/atm/keys', { keys: first.pin });
    expect(typed.body).toMatchObject({ pressed: { accepted: 4, ignored: 0 }, atm: { keyboard: { entry: 'pin', digitsEntered: 4 } } });
    expect((await call('/atm/keys', { keys: 'enter' })).body.pressed).toEqual({ accepted: 1, ignored: 0 });
    expect(await entry).toEqual({ ok: true, value: { outcome: 'entered', digits: 4 } });
    expect(heard).toEqual(['digit', 'digit', 'digit', 'digit', 'enter']);
    const block = await kiosk.pinBlock({ pan: first.pan, format: 'iso0' });
    if (!block.ok) throw new Error(block.error.type);
    expect(await authorise(lab.atm!.bankHostUrl, { pan: first.pan, expiry: yymm(first.expiry), pinBlock: block.value.block, format: 'iso0' })).toMatchObject({ outcome: 'approved' });
    expect(((await atmState()).bank as { decisions: unknown[] }).decisions[0]).toMatchObject({ panLast4: first.pan.slice(-4), outcome: 'approved' });
  });

  it('POST /atm/headset: headphones in and out of the audio jack reach the kiosk as the ATM reports them; anything but a boolean is refused', async () => {
    const heard: boolean[] = [];
    const stop = kiosk.onHeadset((plugged) => heard.push(plugged));
    const plugged = await call('/atm/headset', { plugged: true });
    expect(plugged.status).toBe(200);
    expect((plugged.body.atm as { headset: boolean }).headset).toBe(true);
    await until(() => heard.length === 1, 'the kiosk hears the headphones go in');
    expect((await call('/atm/headset', { plugged: false })).status).toBe(200);
    await until(() => heard.length === 2, 'the kiosk hears the headphones come out');
    expect(heard).toEqual([true, false]);
    expect((await atmState()).headset).toBe(false);
    expect((await call('/atm/headset', { plugged: 'yes' })).body).toMatchObject({ type: '/problems/invalid-body' });
    stop();
  });

  it('POST /atm/keys: FDKs reach the kiosk by name; keys while the EPP reads nothing are ignored; a bad key is refused without echoing it', async () => {
    const heard: NavigationKey[] = [];
    const stop = new AbortController();
    const navigation = kiosk.navigationKeys({ onKey: (key) => heard.push(key), signal: stop.signal });
    await until(() => lab.atm!.control.state().keyboard.entry === 'data', 'the EPP reads FDKs');
    expect((await call('/atm/keys', { keys: 'fdk03 fdk08' })).body.pressed).toEqual({ accepted: 2, ignored: 0 });
    await until(() => heard.length === 2, 'the kiosk hears both FDKs');
    expect(heard).toEqual(['fdk03', 'fdk08']);
    stop.abort();
    await navigation;
    await until(() => lab.atm!.control.state().keyboard.entry === 'none', 'the EPP stops reading');

    expect((await call('/atm/keys', { keys: '5 enter' })).body.pressed).toEqual({ accepted: 0, ignored: 2 });
    const bad = await call('/atm/keys', { keys: '12x4' });
    expect(bad).toMatchObject({ status: 400, body: { type: '/problems/unknown-key' } });
    expect(JSON.stringify(bad.body)).not.toContain('12x4');
    expect((await call('/atm/keys', { keys: '' })).body).toMatchObject({ type: '/problems/invalid-body' });
  });

  it('POST /atm/card/take: the card the kiosk hands back is taken; nothing at the exit is 409', async () => {
    expect((await call('/atm/card/take', {})).body).toMatchObject({ status: 409, type: '/problems/no-card-at-exit' });
    expect(await kiosk.ejectCard()).toEqual({ ok: true, value: undefined });
    const fate = kiosk.waitForCardTaken({ takeTimeoutMs: 60_000 });
    const taken = await call('/atm/card/take', {});
    expect(taken.status).toBe(200);
    expect(taken.body.atm).toMatchObject({ reader: { position: 'empty', card: null } });
    expect(await fate).toEqual({ ok: true, value: 'taken' });
  });

  it('POST /atm/fault: a jam, a service down, the bank down or dropping, and none to put all right', async () => {
    const read = kiosk.waitForCard();
    await until(accepting, 'the ATM asks for a card');
    await call('/atm/card/insert', { card: `bank-${second.pan}` });
    expect((await read).ok).toBe(true);
    expect((await call('/atm/fault', { kind: 'cardJam' })).body.atm).toMatchObject({ faults: [{ kind: 'cardJam' }] });
    expect(await kiosk.ejectCard()).toEqual({ ok: false, error: { type: 'jammed' } });
    expect((await atmState()).reader).toMatchObject({ position: 'jammed' });
    expect(await kiosk.resetCardReader('retain')).toEqual({ ok: true, value: undefined });
    expect((await atmState()).retainBin).toMatchObject({ count: 1, cards: [`bank-${second.pan}`] });

    expect((await call('/atm/fault', { kind: 'serviceDown', service: 'Printer' })).body.atm).toMatchObject({ services: { Printer: { up: false } } });
    expect(await kiosk.print(['X'])).toMatchObject({ ok: false });
    expect((await call('/atm/fault', { kind: 'bankDown' })).body.atm).toMatchObject({ bank: { availability: 'unavailable' } });
    const request = { pan: first.pan, expiry: yymm(first.expiry), pinBlock: '0'.repeat(16), format: 'iso0' } as const;
    expect(await authorise(lab.atm!.bankHostUrl, request)).toEqual({ status: 503 });
    await call('/atm/fault', { kind: 'bankDrop' });
    expect(await authorise(lab.atm!.bankHostUrl, request)).toBe('dropped');
    expect((await call('/atm/fault', { kind: 'noCompletion', command: 'PinPad.GetPinBlock' })).body.atm).toMatchObject({ faults: [{ kind: 'serviceDown', service: 'Printer' }, { kind: 'noCompletion', command: 'PinPad.GetPinBlock' }] });

    const none = await call('/atm/fault', { kind: 'none' });
    expect(none.body.atm).toMatchObject({ faults: [], services: { Printer: { up: true } }, bank: { availability: 'up' } });
    expect((await call('/atm/fault', { kind: 'meteor' })).body).toMatchObject({ status: 400, type: '/problems/invalid-body' });
    expect((await call('/atm/fault', { kind: 'serviceDown' })).body).toMatchObject({ type: '/problems/invalid-body' });
    expect((await call('/atm/fault', { kind: 'serviceDown', service: 'Printer', extra: 1 })).body).toMatchObject({ type: '/problems/invalid-body' });
  });

  it('POST /atm/bank/reset-tries unblocks a bank card; a card the bank does not know is 404', async () => {
    expect((await call('/atm/bank/reset-tries', { card: firstCard })).status).toBe(200);
    expect((await call('/atm/bank/reset-tries', { card: 'technician-1001' })).body).toMatchObject({ status: 404, type: '/problems/unknown-card' });
  });

  it('GET /atm/receipts and /atm/receipts/<n>.png: what the ATM’s printer cut off, read back as the PNG the dev dock shows', async () => {
    const before = (await call('/atm/receipts')).body.receipts as unknown[];
    // A receipt-wide band of ink above a narrow one: ESC/POS raster bytes, as the kiosk prints a receipt.
    const drawn = blankRaster(576, 48);
    for (let y = 8; y < 16; y++) for (let x = 0; x < 576; x++) setBlack(drawn, x, y);
    for (let y = 32; y < 40; y++) for (let x = 0; x < 100; x++) setBlack(drawn, x, y);
    // The spec before took the Printer service down and up again: the kiosk finds it again on its own, so a print
    // that finds no printer (nothing sent) is tried again, boundedly, until it does.
    const job = encodeJob([{ type: 'raster', raster: drawn }], { widthDots: 576 });
    let printed = await kiosk.print(job, { readBack: true });
    for (let i = 0; i < 500 && !printed.ok && printed.error.type === 'unavailable'; i += 1) {
      await sleep(10);
      printed = await kiosk.print(job, { readBack: true });
    }
    expect(printed).toEqual({ ok: true, value: undefined });
    const { receipts } = (await call('/atm/receipts')).body as { receipts: { number: number; widthDots: number; png: string }[] };
    expect(receipts).toHaveLength(before.length + 1);
    const last = receipts.at(-1)!;
    expect(last).toMatchObject({ widthDots: 576, png: `/atm/receipts/${last.number}.png` });
    for (const path of [last.png, '/atm/receipts/last.png']) {
      const response = await fetch(`${lab.controlUrl}${path}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const paper = pngToRaster(new Uint8Array(await response.arrayBuffer()));
      expect(paper.width).toBe(576);
      expect(inkedRows(paper)).toEqual([...range(8, 16).map(() => 576), ...range(32, 40).map(() => 100)]);
    }
    expect((await call(`/atm/receipts/${last.number + 1}.png`)).body).toMatchObject({ status: 404, type: '/problems/no-receipt' });
  });

  it('GET /state carries the ATM beside the other stations', async () => {
    expect((await call('/state')).body).toMatchObject({ cardSlot: { plugged: true }, atm: { reader: { position: 'empty' }, bank: { availability: 'up' } } });
  });

  it('no log line holds a PIN typed or a whole PAN', () => {
    // Decision times and the loopback ports are digits that may hold any four by chance; they are no one's data.
    const lines = captured.lines.map((line) =>
      line.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<date-time>').replaceAll(lab.atm!.publisherUrl, '<atm>').replaceAll(lab.atm!.bankHostUrl, '<bank>'),
    );
    expect(lines.some((line) => line.includes('"atm.keys"'))).toBe(true);
    for (const line of lines) for (const secret of [first.pin, first.pan, second.pan]) expect(line).not.toContain(secret);
  });
});

describe('the lab control API without an ATM station', () => {
  it('answers every ATM route 404 no-atm and keeps the ATM out of /state', async () => {
    const plain = await startLab();
    try {
      expect(plain.atm).toBeUndefined();
      for (const [path, body] of [['/atm/cards'], ['/atm/state'], ['/atm/card/insert', { card: firstCard }], ['/atm/card/take', {}], ['/atm/keys', { keys: '1' }], ['/atm/fault', { kind: 'none' }], ['/atm/receipts'], ['/atm/receipts/last.png']] as const) {
        expect(await call(path, body, plain), path).toMatchObject({ status: 404, type: 'application/problem+json', body: { type: '/problems/no-atm' } });
      }
      expect((await call('/state', undefined, plain)).body).not.toHaveProperty('atm');
    } finally {
      await plain.close();
    }
  });
});
