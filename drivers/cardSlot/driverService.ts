import { ok, type Result } from '../../common/result';
import type { CardSlot, CardSlotError, PositiveReply, SignalOption } from './driver';
import {
  decodeExternalInputs,
  decodeI2cStatus,
  decodeLifeCheck,
  decodeReaderSensors,
  decodeSamStatus,
  decodeSensorLevels,
  decodeTwoDigits,
  type DataError,
  type ExternalInputs,
  type I2cStatus,
  type ReaderSensors,
  type SamStatus,
  type SensorValues,
} from './replyData';
import { commands, type IccActivation, type IccProtocol, type OutputMode, type OutputPeriodMs } from './text';

/**
 * The reader's service commands, for diagnostics and maintenance
 * (MCT3Q8-3A0264 §9.9-9.10, 9.12-9.13, 9.15, 9.17, 9.19): the retract
 * counter, firmware revisions, photo-sensor levels, the maintenance port, the
 * security port's outputs and inputs, the SAM sockets and I2C memory cards.
 * They share the card slot's link (and its lock) through `CardSlot.request`.
 */

const nothing = (): Result<void, DataError> => ok();
const latin1 = (reply: PositiveReply): Result<string, DataError> => ok(String.fromCharCode(...reply.data));

export class CardSlotService {
  readonly #slot: CardSlot;

  constructor(slot: CardSlot) {
    this.#slot = slot;
  }

  /**
   * Captures counted since the counter was last set (00..99). Only a reader
   * initialized with `countRetracts` keeps it; otherwise error 02.
   */
  retractCounter(options: SignalOption = {}): Promise<Result<number, CardSlotError>> {
    return this.#slot.request(commands.readRetractCounter(), (reply) => decodeTwoDigits(reply.data), options);
  }

  /** Sets the retract counter, e.g. to 0 when the bin has been emptied. At 99 the reader refuses captures (error 50). */
  setRetractCounter(value: number, options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.setRetractCounter(value), nothing, options);
  }

  /** The firmware revision of the user program or of the EMV controller (8 characters, e.g. "2345-01A"). */
  revision(area: 'user' | 'emv', options: SignalOption = {}): Promise<Result<string, CardSlotError>> {
    return this.#slot.request(commands.revision(area), latin1, options);
  }

  /** PD1 PD2 PD3 PDI in volts, LEDs at normal or one-fifth emission; under 1.2 V at one fifth the sensor needs cleaning. */
  sensorLevels(led: 'normal' | 'reduced', options: SignalOption = {}): Promise<Result<SensorValues, CardSlotError>> {
    return this.#slot.request(commands.sensorLevels(led === 'normal' ? 'normal' : 'reducedLed'), (reply) => decodeSensorLevels(reply.data), options);
  }

  /** Each sensor's output as a percentage of the standard last set; 43..115 is healthy. */
  sensorLifeCheck(options: SignalOption = {}): Promise<Result<SensorValues, CardSlotError>> {
    return this.#slot.request(commands.sensorLevels('lifeCheck'), (reply) => decodeLifeCheck(reply.data), options);
  }

  /** Takes the present sensor outputs as the standard; error 12 when a sensor is too weak for it (clean it first). */
  setSensorStandard(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.sensorLevels('setStandard'), nothing, options);
  }

  /** Maintenance mode: the motor and solenoids answer `outputPort`, the sensors `inputPort`; other commands wait. */
  enterMaintenance(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.enterMaintenance(), nothing, options);
  }

  /** Leaves maintenance mode; a card left in the transport is ejected. */
  leaveMaintenance(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.leaveMaintenance(), nothing, options);
  }

  /** d0 bits: 0 shutter solenoid, 1 motor forward, 2 motor backward (1+2 stop, neither brake), 3 IC solenoid, 5 sensors at one fifth. */
  outputPort(bits: number, options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.outputPort(bits), nothing, options);
  }

  inputPort(options: SignalOption = {}): Promise<Result<ReaderSensors, CardSlotError>> {
    return this.#slot.request(commands.inputPort(), (reply) => decodeReaderSensors(reply.data), options);
  }

  /** Drives a security-port output (OUT1..OUT4), e.g. a lamp at the slot. */
  setOutput(output: 1 | 2 | 3 | 4, mode: OutputMode, periodMs?: OutputPeriodMs, options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.output(output, mode, periodMs), nothing, options);
  }

  /** IN1..IN4 of the security port (an anti-skimming or door switch, say). */
  externalInputs(options: SignalOption = {}): Promise<Result<ExternalInputs, CardSlotError>> {
    return this.#slot.request(commands.externalInputs(), (reply) => decodeExternalInputs(reply.data), options);
  }

  samSelect(sam: 1 | 2 | 3 | 4 | 5, options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.samSelect(sam), nothing, options);
  }

  /** Cold reset of the selected SAM; the answer is its ATR. */
  samActivate(options: SignalOption & { activation?: IccActivation } = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.#slot.request(commands.samActivate(options.activation), (reply) => ok(reply.data), options);
  }

  samDeactivate(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.samDeactivate(), nothing, options);
  }

  samStatus(options: SignalOption = {}): Promise<Result<SamStatus, CardSlotError>> {
    return this.#slot.request(commands.samStatus(), (reply) => decodeSamStatus(reply.data), options);
  }

  samApdu(bytes: Uint8Array, protocol: IccProtocol | 'auto', options: SignalOption = {}): Promise<Result<Uint8Array, CardSlotError>> {
    return this.#slot.request(commands.samApdu(protocol, bytes), (reply) => ok(reply.data), options);
  }

  i2cPowerOn(volts: 3 | 5, addressBytes: 1 | 2, options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.i2cPowerOn(volts, addressBytes), nothing, options);
  }

  i2cPowerOff(options: SignalOption = {}): Promise<Result<void, CardSlotError>> {
    return this.#slot.request(commands.i2cPowerOff(), nothing, options);
  }

  i2cStatus(options: SignalOption = {}): Promise<Result<I2cStatus, CardSlotError>> {
    return this.#slot.request(commands.i2cStatus(), (reply) => decodeI2cStatus(reply.data), options);
  }
}
