import { describe, expect, it } from 'vitest';
import { parseTrack1, parseTrack2 } from '../cardData/tracks';
import type { Result } from '../../common/result';
import { makeBankCard, makeNationalIdCard } from '../lab/cards';
import { MagstripeReader } from './driver';
import { createMemoryHid } from './memoryHid';
import type { MagtekReportError, MagstripeSwipe } from './report';
import { MagstripeSimulator } from './simulator';

type Swipe = Result<MagstripeSwipe, MagtekReportError>;

function rig() {
  const { host, device } = createMemoryHid();
  const reader = new MagstripeReader(host);
  const simulator = new MagstripeSimulator(device);
  const swipes: Swipe[] = [];
  reader.onSwipe((swipe) => swipes.push(swipe));
  const nextSwipe = (): Promise<Swipe> =>
    new Promise((resolve) => {
      const off = reader.onSwipe((swipe) => {
        off();
        resolve(swipe);
      });
    });
  return { reader, simulator, swipes, nextSwipe };
}

const card = makeBankCard('4111111111111111', 'DOE/JOHN', '2030-12', '1000000008');

describe('MagTek reader against its simulator', () => {
  it('turns a swipe of a bank card into tracks the card-data parsers accept', async () => {
    const { simulator, nextSwipe } = rig();
    const next = nextSwipe();
    simulator.swipe(card);
    const swipe = await next;
    if (!swipe.ok) throw new Error(`swipe failed: ${swipe.error.type}`);
    const [track1, track2, track3] = swipe.value.tracks;
    expect(swipe.value.encodeType).toBe('isoAba');
    expect(track3).toEqual({ kind: 'empty' });
    if (track1.kind !== 'data' || track2.kind !== 'data') throw new Error('tracks missing');
    expect(parseTrack1(track1.text)).toMatchObject({ ok: true, value: { pan: '4111111111111111', name: { surname: 'DOE', given: 'JOHN' } } });
    expect(parseTrack2(track2.text)).toMatchObject({ ok: true, value: { pan: '4111111111111111', expiry: '3012' } });
  });

  it('reports a track the head could not decode', async () => {
    const { simulator, nextSwipe } = rig();
    const next = nextSwipe();
    simulator.swipe(card, { unreadableTracks: [2] });
    expect(await next).toMatchObject({ ok: true, value: { tracks: [{ kind: 'data' }, { kind: 'decodeError', status: 1 }, { kind: 'empty' }] } });
  });

  it('reports a swipe of a card without a stripe as encode type none with empty tracks', async () => {
    const { simulator, nextSwipe } = rig();
    const next = nextSwipe();
    simulator.swipe(makeNationalIdCard('1000000008', '2030-12-31'));
    expect(await next).toEqual({ ok: true, value: { encodeType: 'none', tracks: [{ kind: 'empty' }, { kind: 'empty' }, { kind: 'empty' }] } });
  });

  it('accepts a report with the leading report-id byte some platforms add', async () => {
    const { simulator, nextSwipe } = rig();
    const next = nextSwipe();
    const report = new Uint8Array(338);
    report[1 + 6] = 6;
    simulator.sendRaw(report);
    expect(await next).toMatchObject({ ok: true, value: { encodeType: 'none' } });
  });

  it('passes a malformed report on as a typed error', async () => {
    const { simulator, nextSwipe } = rig();
    const next = nextSwipe();
    simulator.sendRaw(new Uint8Array(64));
    expect(await next).toEqual({ ok: false, error: { type: 'wrongLength', length: 64 } });
  });

  it('goes to noDevice with the error when the reader is unplugged, and hears no more swipes', async () => {
    const { reader, simulator, swipes } = rig();
    const changes: [string, string | undefined][] = [];
    reader.onStatusChange((status, error) => changes.push([status, error?.message]));
    expect(reader.status).toBe('online');
    simulator.unplug();
    simulator.swipe(card);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reader.status).toBe('noDevice');
    expect(changes).toEqual([['noDevice', 'HID device removed']]);
    expect(swipes).toEqual([]);
  });
});
