import {
  encodeExternalInputs,
  encodePathSensors,
  encodeReaderSensors,
  encodeSensorLevels,
  encodeTwoDigits,
  type ReaderSensors,
  type SensorValues,
} from './replyData';
import { textOf, waitingReply, type Reply } from './simulatedReplies';
import { CommandCode } from './commands';
import type { ReaderCore, ReaderState, ServedCommands } from './simulatedState';
import type { CommandText, OutputMode } from './text';

/**
 * Status and service commands, MCT3Q8-3A0264 §9.2, 9.9, 9.10, 9.12, 9.13,
 * 9.16-9.18: sensors, the security port, maintenance port in/out, sensor
 * levels, revisions, the retract counter, the removal monitor, and the
 * supervisor (download) area a Switch command leads to.
 */

const USER_REVISION = '3A02-60S';
const EMV_REVISION = 'EMV4-01S';
const SUPERVISOR_REVISION = 'SV01-00S';

/**
 * Which sensors see the card where (our model: the drawing that places them
 * is not in the public text): at the gate the card lies on SW1, beneath the
 * shutter (SW2) and reaches PD1; inside it covers PD2 and PD3; at the IC
 * position PDI sees it and ICD tells the contacts are down.
 */
function sensorsOf(state: ReaderState): ReaderSensors {
  const { slot } = state;
  const gate = slot.at === 'gate';
  const inside = slot.at === 'inside';
  const contacts = slot.at === 'inside' && slot.contacts;
  return {
    gateSwitch: gate,
    shutter: gate,
    pd1: gate,
    pd2: inside,
    pd3: inside,
    preHeadFlux: false,
    icPosition: contacts,
    icContact: contacts,
    captureBox: state.captureBox,
    lifeExceeded: state.passes > 1_000_000,
    entry: state.entry,
  };
}

function statusRequest(reader: ReaderCore, command: CommandText): Reply {
  if (!/^[0-3]$/.test(command.pm)) return reader.refuse(command, '01');
  const { state } = reader;
  const latched = state.latchedError;
  // pm 3 answers even while an error stands; the others report it (once).
  if (latched && command.pm !== '3') return { ...reader.refuse(command, latched), commit: () => (state.latchedError = undefined) };
  if (command.pm === '0') return reader.positive(command);
  if (command.pm === '1') return reader.positive(command, { data: () => encodePathSensors(sensorsOf(state)) });
  return reader.positive(command, { data: () => encodeReaderSensors(sensorsOf(state)) });
}

const OUTPUT_MODES: readonly OutputMode[] = ['on', 'off', 'oneShot', 'blink', 'blinkStop'];

function securityPort(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  const data = String.fromCharCode(...command.data);
  if (command.pm === '8') {
    if (data.length > 0) return reader.refuse(command, '04');
    return reader.positive(command, { data: () => encodeExternalInputs(state.inputs) });
  }
  if (!/^[0-3]$/.test(command.pm)) return reader.refuse(command, '01');
  // mode, then a time only for one-shot (2) and blinking (3).
  if (!/^([0-4])$|^([23][0-3])$/.test(data) || ((data[0] === '2' || data[0] === '3') && data.length !== 2)) return reader.refuse(command, '04');
  const mode = OUTPUT_MODES[Number(data[0])] ?? 'off';
  return reader.positive(command, { commit: () => (state.outputs[Number(command.pm)] = mode) });
}

function portInOut(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  switch (command.pm) {
    case '0':
      return reader.positive(command, { commit: () => (state.maintenance = true) });
    case '1': {
      const slot = state.slot;
      // Leaving maintenance ejects a card left in the transport.
      return reader.positive(command, {
        delayMs: slot.at === 'inside' ? reader.mechanics.motionMs : 0,
        commit: () => {
          state.maintenance = false;
          if (slot.at === 'inside') reader.toGate(slot.card);
        },
      });
    }
    case '2': {
      if (!state.maintenance) return reader.refuse(command, '02');
      const d0 = command.data[0];
      if (command.data.length !== 1 || d0 === undefined || (d0 & 0xd0) !== 0x40) return reader.refuse(command, '04');
      // The motor and solenoids run as asked; in the simulation the card does not move.
      return reader.positive(command);
    }
    case '3':
      if (!state.maintenance) return reader.refuse(command, '02');
      return reader.positive(command, { data: () => encodeReaderSensors(sensorsOf(state)) });
    default:
      return reader.refuse(command, '01');
  }
}

/** Volts of a clean photo sensor with its LED at normal and at one-fifth emission, and covered by a card. */
const CLEAR_VOLTS = 4.5;
const CLEAR_VOLTS_REDUCED = 1.8;
const COVERED_VOLTS = 0.3;
/** Below 1.2 V at one-fifth emission the sensor needs cleaning (§9.10). */
const SERVICE_VOLTS = 1.2;

function levels(state: ReaderState, clear: number): SensorValues {
  const s = sensorsOf(state);
  const level = (covered: boolean): number => Math.round((covered ? COVERED_VOLTS : clear) * state.sensorHealth * 10) / 10;
  return [level(s.pd1), level(s.pd2), level(s.pd3), level(s.icPosition)];
}

function sensorLevel(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  switch (command.pm) {
    case '0':
      return reader.positive(command, { data: () => encodeSensorLevels(levels(state, CLEAR_VOLTS)) });
    case '1':
      return reader.positive(command, { data: () => encodeSensorLevels(levels(state, CLEAR_VOLTS_REDUCED)) });
    case '2': {
      const ratio = Math.min(255, Math.round((100 * state.sensorHealth) / state.sensorStandard));
      return reader.positive(command, { data: () => Uint8Array.of(ratio, ratio, ratio, ratio) });
    }
    case '3':
      if (CLEAR_VOLTS_REDUCED * state.sensorHealth < SERVICE_VOLTS) return reader.refuse(command, '12');
      return reader.positive(command, { commit: () => (state.sensorStandard = state.sensorHealth) });
    default:
      return reader.refuse(command, '01');
  }
}

function revision(reader: ReaderCore, command: CommandText): Reply {
  if (command.pm === '1') return reader.positive(command, { data: () => textOf(USER_REVISION) });
  if (command.pm === '2') return reader.positive(command, { data: () => textOf(EMV_REVISION) });
  return reader.refuse(command, '01');
}

function retractCounter(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  if (command.pm !== '0' && command.pm !== '1') return reader.refuse(command, '01');
  // Only a reader initialized with pm 4..6 keeps the counter (§9.13).
  if (!state.retract.counting) return reader.refuse(command, '02');
  if (command.pm === '0') return reader.positive(command, { data: () => encodeTwoDigits(state.retract.value) });
  const value = String.fromCharCode(...command.data);
  if (!/^[0-9]{2}$/.test(value)) return reader.refuse(command, '04');
  return reader.positive(command, { commit: () => (state.retract.value = Number(value)) });
}

function monitorRemoval(reader: ReaderCore, command: CommandText): Reply {
  if (command.pm !== '0') return reader.refuse(command, '01');
  const seconds = String.fromCharCode(...command.data);
  if (!/^[0-9]{2}$/.test(seconds) || Number(seconds) < 1 || Number(seconds) > 30) return reader.refuse(command, '04');
  const { state } = reader;
  if (state.slot.at === 'empty') return reader.positive(command);
  if (state.slot.at === 'inside') return reader.refuse(command, '02');
  return waitingReply(async (signal) => {
    const ended = await reader.waitFor(['taken', 'captured'], Number(seconds) * 1000, signal);
    if (ended === 'aborted') return undefined;
    if (ended === 'taken') return reader.positive(command);
    // Not taken: this command reports it, so the status request after it does not again.
    return { ...reader.refuse(command, '46'), commit: () => (state.latchedError = undefined) };
  });
}

/**
 * After Switch (C K 0) the reader runs its supervisor area (§5-6): Initialize
 * always answers error 02, Revision 0 gives the supervisor revision, Switch
 * goes back (Initialize wanted again). Downloads are refused: no firmware
 * file attests here.
 */
export function supervisorCommand(reader: ReaderCore, command: CommandText): Reply {
  const { state } = reader;
  const supervisor = (text: Uint8Array): Reply => ({ text, delayMs: 0 });
  const positive = (data = ''): Reply => supervisor(textOf(`P${command.cm}${command.pm}00${data}`));
  const negative = (code: string): Reply => supervisor(textOf(`N${command.cm}${command.pm}${code}`));
  switch (command.cm) {
    case '0':
      return negative('02');
    case 'A':
      return command.pm === '0' ? positive(SUPERVISOR_REVISION) : negative('01');
    case 'J':
      if (command.pm === '2') return positive();
      return '014'.includes(command.pm) ? negative('04') : negative('01');
    case 'K':
      if (command.pm !== '0') return negative('01');
      return {
        ...positive(),
        commit: () => {
          state.area = 'user';
          state.initialized = false;
        },
      };
    default:
      return negative('00');
  }
}

/** What this file serves: the reader's own state, ports, sensors, counters and the removal monitor. */
export const serviceCommands: ServedCommands = {
  [CommandCode.status]: statusRequest,
  [CommandCode.securityPort]: securityPort,
  [CommandCode.portInOut]: portInOut,
  [CommandCode.sensorLevel]: sensorLevel,
  [CommandCode.revision]: revision,
  [CommandCode.retractCounter]: retractCounter,
  [CommandCode.monitorRemoval]: monitorRemoval,
};
