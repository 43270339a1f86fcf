import { withoutSentinels } from '../cardData/tracks';
import type { VirtualCard, VirtualTracks } from '../cardData/virtualCard';
import { encodeTrackPresence, encodeWriteResults, type TrackWriteResult, type WriteResults } from './replyData';
import type { Reply } from './simulatedReplies';
import { textOf } from './simulatedReplies';
import { CommandCode } from './commands';
import type { ReaderCore, ServedCommands, TrackBuffer } from './simulatedState';
import type { CommandText, SankyoErrorCode, TrackNumber } from './text';

/**
 * Mag-track read (C 6 x) and write (C 7 x), MCT3Q8-3A0264 §9.6-9.7. Reads
 * answer from the buffer filled as the card was carried in (re-reading the
 * card once it was cleared); writes change the card in the slot, so what is
 * written reads back.
 */

const TRACK_KEYS = { 1: 'track1', 2: 'track2', 3: 'track3' } as const satisfies Record<TrackNumber, keyof VirtualTracks>;
const TRACKS: readonly TrackNumber[] = [1, 2, 3];

/** What a carry-in reads off the stripe: the text between the sentinels, `null` for a blank track. */
export function readTracksOf(card: VirtualCard): TrackBuffer {
  const read = (track: TrackNumber): string | null => {
    const raw = card.tracks?.[TRACK_KEYS[track]];
    return raw === undefined || raw.length === 0 ? null : withoutSentinels(raw);
  };
  return { 1: read(1), 2: read(2), 3: read(3) };
}

function trackOf(pm: string): { readonly track: TrackNumber; readonly singlePass: boolean } | undefined {
  const code = pm.charCodeAt(0);
  if (pm.length !== 1) return undefined;
  if (code >= 0x31 && code <= 0x33) return { track: (code - 0x30) as TrackNumber, singlePass: false };
  if (code >= 0x39 && code <= 0x3b) return { track: (code - 0x38) as TrackNumber, singlePass: true };
  return undefined;
}

function magneticRead(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  const slot = state.slot;
  switch (command.pm) {
    case '0':
      if (slot.at !== 'inside') return reader.refuse(command, '02');
      return reader.positive(command, { delayMs: reader.mechanics.motionMs, commit: () => state.passes++ });
    case '6':
      return reader.positive(command, {
        commit: () => {
          state.trackBuffer = undefined;
          state.writeBuffer = {};
        },
      });
    case '7': {
      if (slot.at !== 'inside') return reader.refuse(command, '02');
      const buffer = state.trackBuffer;
      const presence = { 1: !!buffer?.[1], 2: !!buffer?.[2], 3: !!buffer?.[3] };
      return reader.positive(command, { data: () => encodeTrackPresence(presence) });
    }
  }
  const read = trackOf(command.pm);
  if (!read) return reader.refuse(command, '01');
  if (slot.at !== 'inside') return reader.refuse(command, '02');
  const { track, singlePass } = read;
  if (!state.formats[track]) return reader.refuse(command, '24');
  // A cleared buffer, or a single-pass read, means carrying the card past the head again.
  const pass = singlePass || state.trackBuffer === undefined;
  const buffer = pass ? readTracksOf(slot.card) : state.trackBuffer;
  const delayMs = pass ? reader.mechanics.motionMs : 0;
  const value = buffer?.[track] ?? null;
  const forced = reader.faults.takeReadError();
  const refuse = (code: SankyoErrorCode, data?: Uint8Array): Reply => ({
    ...reader.refuse(command, code, delayMs, data),
    commit: () => {
      if (pass) state.trackBuffer = buffer;
      if (code !== '24') state.counters.readErrors++;
    },
  });
  if (value === null) return refuse('24');
  if (value.length === 0) return refuse('23');
  // A single-pass read sends what it read before the error (§9.6, pm 39H-3BH).
  if (forced) return refuse(forced, singlePass ? textOf(value.slice(0, Math.floor(value.length / 2))) : undefined);
  return reader.positive(command, {
    delayMs,
    data: () => textOf(value),
    commit: () => {
      if (pass) state.trackBuffer = buffer;
    },
  });
}

const TRACK_TEXT: Record<TrackNumber, RegExp> = {
  // IATA: 6-bit characters 20H-5FH, less the sentinels; ABA and MINTS: 30H-3FH, less the sentinels.
  1: /^[\x20-\x24\x26-\x3e\x40-\x5f]{0,76}$/,
  2: /^[\x30-\x3a\x3c-\x3e]{0,37}$/,
  3: /^[\x30-\x3a\x3c-\x3e]{0,104}$/,
};

function validTrackText(track: TrackNumber, data: Uint8Array): string | undefined {
  const text = String.fromCharCode(...data);
  return TRACK_TEXT[track].test(text) ? text : undefined;
}

function withTracks(card: VirtualCard, written: { readonly [T in TrackNumber]?: string }): VirtualCard {
  const tracks: { -readonly [K in keyof VirtualTracks]: string | undefined } = { ...card.tracks };
  for (const track of TRACKS) {
    const text = written[track];
    if (text !== undefined) tracks[TRACK_KEYS[track]] = (track === 1 ? '%' : ';') + text + '?';
  }
  return { ...card, tracks };
}

/** Writes `written` onto the card inside and answers the three results. */
function write(reader: ReaderCore, command: CommandText, written: { readonly [T in TrackNumber]?: string }): Reply {
  const { state } = reader;
  const slot = state.slot;
  if (slot.at !== 'inside') return reader.refuse(command, '02');
  const result = (track: TrackNumber): TrackWriteResult => (written[track] === undefined ? { kind: 'notWritten' } : { kind: 'written', verify: 'good' });
  const results: WriteResults = [result(1), result(2), result(3)];
  return reader.positive(command, {
    delayMs: reader.mechanics.motionMs,
    data: () => encodeWriteResults(results),
    commit: () => {
      const card = withTracks(slot.card, written);
      state.slot = { ...slot, card };
      state.trackBuffer = readTracksOf(card);
      state.passes += 2;
    },
  });
}

function magneticWrite(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  const data = String.fromCharCode(...command.data);
  switch (command.pm) {
    case '0':
      // Low-coercivity current, normal verify: the one mode documented.
      return data === '00' ? reader.positive(command) : reader.refuse(command, '04');
    case '1':
    case '2':
    case '3': {
      const track = Number(command.pm) as TrackNumber;
      const text = validTrackText(track, command.data);
      if (text === undefined) return reader.refuse(command, '04');
      return write(reader, command, { [track]: text });
    }
    case '6':
    case '7':
    case '8': {
      const track = (Number(command.pm) - 5) as TrackNumber;
      const text = validTrackText(track, command.data);
      if (text === undefined) return reader.refuse(command, '04');
      return reader.positive(command, { commit: () => (state.writeBuffer[track] = text) });
    }
    case '9':
      if (TRACKS.every((track) => state.writeBuffer[track] === undefined)) return reader.refuse(command, '02');
      return write(reader, command, { ...state.writeBuffer });
    case 'R':
      // Write start adjustment for the SAFLOK keycard format: "2" "J" and a signed bit count.
      return command.data.length === 3 && data.startsWith('2J') ? reader.positive(command) : reader.refuse(command, '04');
    case 'U': {
      if (!/^[30][20][4J0]0$/.test(data)) return reader.refuse(command, '04');
      return reader.positive(command, { commit: () => (state.formats = { 1: data[0] !== '0', 2: data[1] !== '0', 3: data[2] !== '0' }) });
    }
    default:
      return reader.refuse(command, '01');
  }
}

/** What this file serves: the stripe read and written. */
export const magneticCommands: ServedCommands = { [CommandCode.magneticRead]: magneticRead, [CommandCode.magneticWrite]: magneticWrite };
