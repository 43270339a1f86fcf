/**
 * The ICT3Q8 user-area command table (MCT3Q8-3A0264 §8.1, detailed in §9):
 * every command as `cm pm [data]`, built by what it does at the slot. The
 * simulator answers all of them; the driver (driver.ts, driverService.ts)
 * sends them and types the answers (replyData.ts).
 */

export const CommandCode = {
  initialize: '0',
  status: '1',
  /** Blocking card entry (the reply comes when a card is inside); the manual prefers `entry`. */
  cardEntry: '2',
  carry: '3',
  retrieve: '4',
  securityPort: '5',
  magneticRead: '6',
  magneticWrite: '7',
  /** Enable/disable entry: answered at once, the card is seen by polling status. */
  entry: ':',
  portInOut: '=',
  sensorLevel: '>',
  icContact: '@',
  revision: 'A',
  retractCounter: 'C',
  icc: 'I',
  switchArea: 'K',
  monitorRemoval: 'T',
  i2c: 'U',
} as const;
export type CommandCode = (typeof CommandCode)[keyof typeof CommandCode];

export interface CommandText {
  readonly cm: string;
  readonly pm: string;
  readonly data: Uint8Array;
}

export type InitializeMode = 'cardToGate' | 'capture' | 'keepInside' | 'dontMove';
export type EntryMode = 'anyCard' | 'disabled' | 'magneticOnly';
export type CardEntryMode = 'anyCard' | 'magneticOnly' | 'fromRear';
export type TrackNumber = 1 | 2 | 3;
export type IccProtocol = 'T0' | 'T1';
/** Activation per ISO 7816-3 or EMV (the Vcc parameter of Activate). */
export type IccActivation = 'emv' | 'iso5V' | 'iso3V' | 'iso5VClassB';
export type OutputMode = 'on' | 'off' | 'oneShot' | 'blink' | 'blinkStop';
export type OutputPeriodMs = 250 | 500 | 750 | 1000;
type SensorLevelKind = 'normal' | 'reducedLed' | 'lifeCheck' | 'setStandard';

/** The operating conditions sent with Initialize (§9.1: Pd, Wv, Sh, Ds, Ty, Cp). */
export interface InitializeSettings {
  /** What the reader does with a card when power fails (Pd). */
  readonly powerDown: 'eject' | 'ejectUnlessWriting' | 'keep' | 'offerThenCapture';
  /** Power failing during a stripe write: stop or finish it (Wv). */
  readonly finishWriteOnPowerDown: boolean;
  /** Open and close the shutter as a test during Initialize (Sh). */
  readonly testShutter: boolean;
  /** When the DSR line is watched, and what a drop does to the card (Ds). */
  readonly dsr: 'atPowerOn' | 'ejectOnDrop' | 'retrieveOnDrop';
  /** Ask for the 16-character reader type code in the reply (Ty). */
  readonly reportType: boolean;
  /** A card pulled out during capture is error 40 (Cp); otherwise the capture succeeds. */
  readonly pulledOutIsError: boolean;
}

export const DEFAULT_INITIALIZE_SETTINGS: InitializeSettings = {
  powerDown: 'eject',
  finishWriteOnPowerDown: false,
  testShutter: true,
  dsr: 'atPowerOn',
  reportType: true,
  pulledOutIsError: true,
};

/** The four track-format characters every Initialize carries: ISO1 IATA, ISO2 ABA, ISO3 MINTS, none. */
const INITIALIZE_TRACK_FORMATS = '3240';

const INITIALIZE_PM: Record<InitializeMode, string> = { cardToGate: '0', capture: '1', keepInside: '2', dontMove: '3' };
const ENTRY_PM: Record<EntryMode, string> = { anyCard: '0', disabled: '1', magneticOnly: '2' };
const CARD_ENTRY_PM: Record<CardEntryMode, string> = { anyCard: '0', magneticOnly: '1', fromRear: '2' };
const POWER_DOWN: Record<InitializeSettings['powerDown'], string> = { eject: '0', ejectUnlessWriting: '1', keep: '2', offerThenCapture: '3' };
const DSR: Record<InitializeSettings['dsr'], string> = { atPowerOn: '0', ejectOnDrop: '1', retrieveOnDrop: '2' };
const ACTIVATION: Record<IccActivation, string> = { emv: '0', iso5V: '3', iso3V: '5', iso5VClassB: '6' };
const OUTPUT_MODE: Record<OutputMode, string> = { on: '0', off: '1', oneShot: '2', blink: '3', blinkStop: '4' };
const PERIOD: Record<OutputPeriodMs, string> = { 250: '0', 500: '1', 750: '2', 1000: '3' };
const SENSOR_LEVEL: Record<SensorLevelKind, string> = { normal: '0', reducedLed: '1', lifeCheck: '2', setStandard: '3' };
const NO_DATA = new Uint8Array(0);

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

function command(cm: CommandCode, pm: string, data: Uint8Array = NO_DATA): CommandText {
  return { cm, pm, data };
}

function twoDigits(value: number, max: number, what: string): string {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${what} must be 0..${max}, got ${value}`);
  return String(value).padStart(2, '0');
}

export function encodeInitializeSettings(settings: InitializeSettings): string {
  const flag = (value: boolean): string => (value ? '1' : '0');
  return (
    INITIALIZE_TRACK_FORMATS +
    '0' +
    POWER_DOWN[settings.powerDown] +
    flag(settings.finishWriteOnPowerDown) +
    flag(!settings.testShutter) +
    DSR[settings.dsr] +
    flag(settings.reportType) +
    flag(settings.pulledOutIsError)
  );
}

/**
 * The settings in an Initialize's data: Pd Wv Sh Ds Ty Cp after the track
 * formats and fm. A bare Initialize, and settings left off the end, are "0"
 * (§9.1 notes). `undefined` for data the reader would refuse (error 04).
 */
export function decodeInitializeSettings(data: Uint8Array): InitializeSettings | undefined {
  const text = String.fromCharCode(...data);
  const full = data.length === 0 ? `${INITIALIZE_TRACK_FORMATS}0000000` : text.padEnd(11, '0');
  if ((data.length > 0 && data.length < 6) || data.length > 11 || !/^[0234]{4}0[0-3][01][01][0-2][01][01]$/.test(full)) return undefined;
  const key = <T extends string>(table: Record<T, string>, code: string | undefined): T =>
    (Object.keys(table) as T[]).find((candidate) => table[candidate] === code) ?? (Object.keys(table)[0] as T);
  return {
    powerDown: key(POWER_DOWN, full[5]),
    finishWriteOnPowerDown: full[6] === '1',
    testShutter: full[7] === '0',
    dsr: key(DSR, full[8]),
    reportType: full[9] === '1',
    pulledOutIsError: full[10] === '1',
  };
}

/** Every command of the table, by what it does at the slot. */
export const commands = {
  /** `countRetracts` uses pm 4..6, which make the retract counter count captures. Without settings: the bare "C0pm". */
  initialize: (mode: InitializeMode, settings?: InitializeSettings, countRetracts = false) => {
    const base = Number(INITIALIZE_PM[mode]);
    const pm = countRetracts && mode !== 'dontMove' ? String(base + 4) : String(base);
    return command(CommandCode.initialize, pm, settings ? ascii(encodeInitializeSettings(settings)) : NO_DATA);
  },
  status: () => command(CommandCode.status, '0'),
  /** pm 1: one sensor byte; pm 2: four; pm 3: four, answered even while a mechanical error stands. */
  sensorStatus: (detail: 'basic' | 'expanded' | 'expandedEvenOnError' = 'expanded') =>
    command(CommandCode.status, detail === 'basic' ? '1' : detail === 'expanded' ? '2' : '3'),
  acceptCard: (mode: CardEntryMode) => command(CommandCode.cardEntry, CARD_ENTRY_PM[mode]),
  entry: (mode: EntryMode) => command(CommandCode.entry, ENTRY_PM[mode]),
  /** `protrudeMs` (0..20) leaves the card further out of the gate. */
  ejectToGate: (protrudeMs?: number) =>
    command(CommandCode.carry, '0', protrudeMs === undefined ? NO_DATA : ascii(twoDigits(protrudeMs, 20, 'protrusion').padStart(3, '0'))),
  captureToBin: () => command(CommandCode.carry, '1'),
  retrieve: () => command(CommandCode.retrieve, '0'),
  output: (output: 1 | 2 | 3 | 4, mode: OutputMode, periodMs?: OutputPeriodMs) =>
    command(CommandCode.securityPort, String(output - 1), ascii(OUTPUT_MODE[mode] + (periodMs === undefined ? '' : PERIOD[periodMs]))),
  externalInputs: () => command(CommandCode.securityPort, '8'),
  /** `singlePass`: one pass, no retries, the part read before an error comes with the negative reply (pm 9..;). */
  readTrack: (track: TrackNumber, singlePass = false) => command(CommandCode.magneticRead, String.fromCharCode((singlePass ? 0x38 : 0x30) + track)),
  moveCardOnly: () => command(CommandCode.magneticRead, '0'),
  clearTrackBuffer: () => command(CommandCode.magneticRead, '6'),
  trackPresence: () => command(CommandCode.magneticRead, '7'),
  writeTrack: (track: TrackNumber, text: string) => command(CommandCode.magneticWrite, String(track), ascii(text)),
  bufferTrack: (track: TrackNumber, text: string) => command(CommandCode.magneticWrite, String(track + 5), ascii(text)),
  writeBufferedTracks: () => command(CommandCode.magneticWrite, '9'),
  /** Low-coercivity writing current, normal verify: the one mode the manual documents. */
  writeMode: () => command(CommandCode.magneticWrite, '0', ascii('00')),
  /** The track formats: IATA on 1, ABA on 2, MINTS on 3; `false` leaves a track unused. */
  trackFormats: (use: { readonly [T in TrackNumber]: boolean }) =>
    command(CommandCode.magneticWrite, 'U', ascii((use[1] ? '3' : '0') + (use[2] ? '2' : '0') + (use[3] ? '4' : '0') + '0')),
  enterMaintenance: () => command(CommandCode.portInOut, '0'),
  leaveMaintenance: () => command(CommandCode.portInOut, '1'),
  /** Drives the motor and solenoids directly (maintenance mode only): d0 = 0 1 X 0 X X X X. */
  outputPort: (bits: number) => command(CommandCode.portInOut, '2', Uint8Array.of(0x40 | (bits & 0x2f))),
  inputPort: () => command(CommandCode.portInOut, '3'),
  sensorLevels: (kind: SensorLevelKind) => command(CommandCode.sensorLevel, SENSOR_LEVEL[kind]),
  moveToIc: () => command(CommandCode.icContact, '0'),
  releaseIc: () => command(CommandCode.icContact, '2'),
  revision: (area: 'user' | 'emv') => command(CommandCode.revision, area === 'user' ? '1' : '2'),
  readRetractCounter: () => command(CommandCode.retractCounter, '0'),
  setRetractCounter: (value: number) => command(CommandCode.retractCounter, '1', ascii(twoDigits(value, 99, 'retract counter'))),
  iccActivate: (activation?: IccActivation) => command(CommandCode.icc, '0', activation ? ascii(ACTIVATION[activation]) : NO_DATA),
  iccDeactivate: () => command(CommandCode.icc, '1'),
  iccStatus: () => command(CommandCode.icc, '2'),
  apdu: (protocol: IccProtocol | 'auto', apdu: Uint8Array) => command(CommandCode.icc, protocol === 'T0' ? '3' : protocol === 'T1' ? '4' : '9', apdu),
  /** T=1 only: a part of a C-APDU longer than 1000 bytes (more to come), then its last part. */
  apduPart: (part: Uint8Array, last: boolean) => command(CommandCode.icc, last ? '6' : '5', part),
  /** The next part of an R-APDU longer than 1000 bytes. */
  apduNextPart: () => command(CommandCode.icc, '7'),
  iccWarmReset: () => command(CommandCode.icc, '8'),
  samActivate: (activation?: IccActivation) => command(CommandCode.icc, '@', activation ? ascii(ACTIVATION[activation]) : NO_DATA),
  samDeactivate: () => command(CommandCode.icc, 'A'),
  samStatus: () => command(CommandCode.icc, 'B'),
  samApdu: (protocol: IccProtocol | 'auto', apdu: Uint8Array) => command(CommandCode.icc, protocol === 'T0' ? 'C' : protocol === 'T1' ? 'D' : 'I', apdu),
  samSelect: (sam: 1 | 2 | 3 | 4 | 5) => command(CommandCode.icc, 'P', ascii(String(sam))),
  switchToSupervisor: () => command(CommandCode.switchArea, '0'),
  /** Waits up to `seconds` (1..30) for the ejected card to be taken; error 46 if it is not. */
  monitorRemoval: (seconds: number) => {
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 30) throw new RangeError(`removal monitor must be 1..30 s, got ${seconds}`);
    return command(CommandCode.monitorRemoval, '0', ascii(twoDigits(seconds, 30, 'removal monitor')));
  },
  i2cPowerOn: (volts: 3 | 5, addressBytes: 1 | 2) => command(CommandCode.i2c, '0', ascii((volts === 5 ? '0' : '1') + String(addressBytes))),
  i2cPowerOff: () => command(CommandCode.i2c, '1'),
  i2cStatus: () => command(CommandCode.i2c, '2'),
} as const;

export function initializeModeOf(pm: string): { readonly mode: InitializeMode; readonly countRetracts: boolean } | undefined {
  const digit = pm.length === 1 ? pm.charCodeAt(0) - 0x30 : -1;
  if (digit < 0 || digit > 6) return undefined;
  const index = String(digit < 4 ? digit : digit - 4);
  const mode = (Object.keys(INITIALIZE_PM) as InitializeMode[]).find((candidate) => INITIALIZE_PM[candidate] === index);
  return mode && { mode, countRetracts: digit >= 4 };
}

export function entryModeOf(pm: string): EntryMode | undefined {
  return (Object.keys(ENTRY_PM) as EntryMode[]).find((mode) => ENTRY_PM[mode] === pm);
}

export function cardEntryModeOf(pm: string): CardEntryMode | undefined {
  return (Object.keys(CARD_ENTRY_PM) as CardEntryMode[]).find((mode) => CARD_ENTRY_PM[mode] === pm);
}

export function activationOf(data: Uint8Array): IccActivation | undefined {
  if (data.length === 0) return 'emv';
  const code = String.fromCharCode(data[0] ?? 0);
  return data.length === 1 ? (Object.keys(ACTIVATION) as IccActivation[]).find((kind) => ACTIVATION[kind] === code) : undefined;
}

/**
 * Whether a reply answers this command. Replies echo cm pm, except the ICC
 * exchanges, whose pm (px) tells whether more data follows (§9.14.4-10).
 */
export function replyAnswers(cmd: CommandText, reply: { readonly cm: string; readonly pm: string }): boolean {
  if (reply.cm !== cmd.cm) return false;
  if (reply.pm === cmd.pm) return true;
  return cmd.cm === CommandCode.icc && (ICC_PX[cmd.pm]?.includes(reply.pm) ?? false);
}

/** px an ICC exchange may answer with: '4' done, '5' more R-APDU to fetch, '6' no more, '7' send the next part, '?' the card aborted. */
const ICC_PX: Readonly<Record<string, string>> = {
  '3': '35',
  '4': '45?',
  '5': '7?',
  '6': '45?',
  '7': '56?',
  '9': '45?',
  C: 'CE',
  D: 'DEO',
  E: 'GO',
  F: 'DEO',
  G: 'EFO',
  I: 'DEO',
};
