import { atrProtocols } from '../cardData/apdu';
import { encodeContactStatus, encodeI2cStatus, encodeSamStatus } from './replyData';
import type { Reply } from './simulatedReplies';
import { CommandCode } from './commands';
import type { ReaderCore, ServedCommands } from './simulatedState';
import { activationOf, type CommandText, type IccProtocol } from './text';

/**
 * IC contact (C @ x), IC card and SAM control (C I x) and I2C memory cards
 * (C U x), MCT3Q8-3A0264 §9.11, 9.14, 9.15, 9.19. The simulated reader has no
 * SAM fitted and its cards carry no I2C memory: those commands answer as an
 * empty socket and a silent card do.
 */

/** Longest R-APDU part in one reply; the rest is fetched with C I 7. */
const MAX_PART = 1000;
const MAX_T0_APDU = 261;
const MAX_T1_APDU = 1000;

function icContact(reader: ReaderCore, command: CommandText): Reply {
  if (command.pm !== '0' && command.pm !== '2') return reader.refuse(command, '01');
  const { state } = reader;
  const slot = state.slot;
  if (slot.at !== 'inside') return reader.refuse(command, '02');
  const land = command.pm === '0';
  if (slot.contacts === land) return reader.positive(command);
  if (reader.faults.takeJam()) return reader.refuse(command, '10', reader.mechanics.motionMs);
  return reader.positive(command, {
    delayMs: reader.mechanics.motionMs,
    commit: () => {
      state.slot = { at: 'inside', card: slot.card, contacts: land, chip: { powered: false } };
      state.iccChain = undefined;
    },
  });
}

/** A response longer than one reply goes out in parts: px '5' while more remain. */
function respond(reader: ReaderCore, command: CommandText, response: Uint8Array, donePx: string): Reply {
  const { state } = reader;
  const first = response.slice(0, MAX_PART);
  const rest = response.slice(MAX_PART);
  return reader.positive(command, {
    pm: rest.length > 0 ? '5' : donePx,
    data: () => first,
    commit: () => (state.iccChain = rest.length > 0 ? { sending: [], pending: rest } : undefined),
  });
}

function iccCommand(reader: ReaderCore, command: CommandText): Reply {
  if ('@ABCDEFGHIP'.includes(command.pm)) return samCommand(reader, command);
  const { state } = reader;
  const slot = state.slot;
  if (command.pm === '2') {
    const chip = slot.at === 'inside' ? slot.chip : { powered: false as const };
    const status = chip.powered ? { active: true, volts: chip.volts, clockMHz: 3.58 as const } : { active: false, volts: 5 as const, clockMHz: 0 as const };
    return reader.positive(command, { data: () => Uint8Array.of(encodeContactStatus(status)) });
  }
  if (!/^[013-9]$/.test(command.pm)) return reader.refuse(command, '01');
  if (slot.at !== 'inside' || !slot.contacts) return reader.refuse(command, '02');
  const card = slot.card.chip;
  const chip = slot.chip;
  switch (command.pm) {
    case '0': {
      const activation = activationOf(command.data);
      if (!activation) return reader.refuse(command, '01');
      // No TS within the ATR wait: no chip on this card (§10.8, "61": no chip card).
      if (!card) return reader.refuse(command, '61');
      let atr: Uint8Array = new Uint8Array(0);
      return reader.positive(command, {
        data: () => atr,
        commit: () => {
          atr = card.reset();
          const protocol: IccProtocol = atrProtocols(atr).find((offered) => card.protocols.includes(offered)) ?? card.protocols[0] ?? 'T0';
          state.slot = { ...slot, chip: { powered: true, volts: activation === 'iso3V' ? 3 : 5, protocol } };
          state.iccChain = undefined;
        },
      });
    }
    case '1':
      return reader.positive(command, {
        commit: () => {
          state.slot = { ...slot, chip: { powered: false } };
          state.iccChain = undefined;
        },
      });
  }
  if (!card || !chip.powered) return reader.refuse(command, '65');
  switch (command.pm) {
    case '3':
    case '4':
    case '9': {
      const protocol: IccProtocol = command.pm === '3' ? 'T0' : command.pm === '4' ? 'T1' : chip.protocol;
      if (protocol !== chip.protocol) return reader.refuse(command, '62');
      const max = protocol === 'T0' ? MAX_T0_APDU : MAX_T1_APDU;
      if (command.data.length < 4 || command.data.length > max) return reader.refuse(command, '04');
      return respond(reader, command, card.transmit(command.data, protocol), command.pm === '3' ? '3' : '4');
    }
    case '5':
    case '6': {
      if (chip.protocol !== 'T1') return reader.refuse(command, '62');
      if (command.data.length === 0 || command.data.length > MAX_PART) return reader.refuse(command, '04');
      const sending = [...(state.iccChain?.sending ?? []), command.data];
      if (command.pm === '5') return reader.positive(command, { pm: '7', commit: () => (state.iccChain = { sending, pending: new Uint8Array(0) }) });
      const apdu = Uint8Array.from(sending.flatMap((part) => [...part]));
      if (apdu.length < 4) return reader.refuse(command, '04');
      return respond(reader, command, card.transmit(apdu, 'T1'), '4');
    }
    case '7': {
      const pending = state.iccChain?.pending;
      if (!pending || pending.length === 0) return reader.refuse(command, '02');
      const part = pending.slice(0, MAX_PART);
      const rest = pending.slice(MAX_PART);
      return reader.positive(command, {
        pm: rest.length > 0 ? '5' : '6',
        data: () => part,
        commit: () => (state.iccChain = rest.length > 0 ? { sending: [], pending: rest } : undefined),
      });
    }
    case '8': {
      let atr: Uint8Array = new Uint8Array(0);
      return reader.positive(command, { data: () => atr, commit: () => (atr = card.reset()) });
    }
    default:
      return reader.refuse(command, '01');
  }
}

/** No SAM is fitted: activation finds no ATR, exchanges find it not activated. */
function samCommand(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  switch (command.pm) {
    case '@':
      return activationOf(command.data) ? reader.refuse(command, '61') : reader.refuse(command, '01');
    case 'A':
      return reader.positive(command, { commit: () => (state.samActive = false) });
    case 'B':
      return reader.positive(command, { data: () => encodeSamStatus({ active: false, volts: 5, clockMHz: 0, selected: state.samSelected }) });
    case 'P': {
      const sel = String.fromCharCode(...command.data);
      if (!/^[1-5]$/.test(sel)) return reader.refuse(command, '01');
      return reader.positive(command, { commit: () => (state.samSelected = Number(sel) as 1 | 2 | 3 | 4 | 5) });
    }
    default:
      return reader.refuse(command, '65');
  }
}

function i2cCommand(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  const slot = state.slot;
  switch (command.pm) {
    case '0': {
      const params = String.fromCharCode(...command.data);
      if (!/^[01][12]$/.test(params)) return reader.refuse(command, '01');
      if (slot.at !== 'inside' || !slot.contacts) return reader.refuse(command, '02');
      return reader.positive(command, { commit: () => (state.i2c = { volts: params[0] === '0' ? 5 : 3, addressBytes: params[1] === '2' ? 2 : 1 }) });
    }
    case '1':
      return reader.positive(command, { commit: () => (state.i2c = undefined) });
    case '2': {
      const i2c = state.i2c;
      return reader.positive(command, { data: () => encodeI2cStatus(i2c ? { active: true, ...i2c } : { active: false, volts: 5, addressBytes: 1 }) });
    }
    case '3':
      if (!state.i2c) return reader.refuse(command, '65');
      // The lab's cards carry a microprocessor chip, not I2C memory: nothing answers on the bus.
      return reader.refuse(command, '63');
    default:
      return reader.refuse(command, '01');
  }
}

/** What this file serves: the chip's contacts, its APDUs and the I2C memory card. */
export const iccCommands: ServedCommands = { [CommandCode.icContact]: icContact, [CommandCode.icc]: iccCommand, [CommandCode.i2c]: i2cCommand };
