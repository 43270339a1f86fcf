import type { Logger } from 'pino';
import type { BackoffPolicy } from '../../../../common/backoff';
import { err, ok, type Result } from '../../../../common/result';
import type { Clock } from '../../../../common/time';
import {
  DEFAULT_CAPTURE_TIMEOUT_MS,
  type FingerprintError,
  FingerprintReader,
  type FingerprintTimeouts,
  type LedCue,
  type SystemParameters,
} from '../../../../drivers/fingerprint/driver';
import type { GreyImage } from '../../../../drivers/fingerprint/image';
import type { ByteTransport } from '../../../../drivers/transport/types';
import { DeviceConnection, type HandshakeFailure } from '../connection';
import { LinkedDevice } from '../linkedDevice';
import { type OpenSerial, openSerialLink } from '../serialPort';
import type { DeviceOperationError } from '../types';
import { type CapturePackage, packageCapture } from './capturePackage';
import { guidanceForPerson, guidanceRelay, type PersonGuidance } from './guidance';

/**
 * The fingerprint reader as flows see it: a status and a capture that returns
 * a package for the central side. Driver failures become status values;
 * nothing here knows a byte of the ZFM protocol.
 */

interface FingerprintDeviceConfig {
  readonly path: string;
  readonly baudRate: number;
  readonly noModemLines: boolean;
  /** Module password (VfyPwd); 0 on factory modules. */
  readonly password?: number;
  readonly address?: number;
  /** Reported in every capture package; derived from the module when absent. */
  readonly deviceId?: string;
  /** R503 aura LED cues: `auto` uses them when the module accepts the command. */
  readonly led?: 'auto' | 'off';
}

interface FingerprintDeviceOptions {
  readonly config: FingerprintDeviceConfig | null;
  readonly log: Logger;
  readonly clock: Clock;
  readonly reconnect?: BackoffPolicy;
  readonly openSerial?: OpenSerial;
  /** How long a person has to put a finger down, per capture. */
  readonly captureTimeoutMs?: number;
  readonly readerTimeouts?: Partial<FingerprintTimeouts>;
  readonly now?: () => Date;
}

export interface CaptureRequest {
  readonly signal?: AbortSignal;
  readonly onGuidance?: (guidance: PersonGuidance) => void;
  readonly timeoutMs?: number;
}

export type FingerprintDeviceError =
  | DeviceOperationError
  /** Nobody put a usable finger down in time. */
  | { readonly type: 'timeout' }
  /**
   * A finger was on the glass when the capture began and was never lifted in
   * time: nothing was captured, so nothing may be matched or counted.
   */
  | { readonly type: 'glassNotClear' }
  | { readonly type: 'poorQuality' }
  /** The reader went away during the operation. */
  | { readonly type: 'disconnected' }
  /** The reader stopped answering; it is being reconnected. */
  | { readonly type: 'noAnswer' }
  | { readonly type: 'deviceError'; readonly detail: string };

interface FingerprintInfo {
  readonly deviceId: string;
  readonly parameters: SystemParameters;
  readonly templateCount: number;
  readonly hasLed: boolean;
}

interface Connected {
  readonly reader: FingerprintReader;
  readonly parameters: SystemParameters;
  readonly hasLed: boolean;
}

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, '0');

export class FingerprintDevice extends LinkedDevice<ByteTransport, Connected, FingerprintDeviceOptions> {

  constructor(options: FingerprintDeviceOptions) {
    super('fingerprint', options);
    const config = options.config;
    if (!config) return;
    this.connection = new DeviceConnection<ByteTransport, Connected>(
      {
        open: () => openSerialLink({ path: config.path, baudRate: config.baudRate, noModemLines: config.noModemLines }, options.openSerial),
        handshake: (transport) => this.#handshake(transport, config),
        release: (connected) => connected.reader.dispose(),
      },
      {
        clock: options.clock,
        log: this.log,
        ...(options.reconnect ? { reconnect: options.reconnect } : {}),
        onChange: (change) => this.reportConnection(change),
      },
    );
  }

  /**
   * Waits for the glass to be clear, then for a finger, and captures it: a
   * finger already on the glass when the capture begins (the last person's,
   * or one left resting since the last attempt) is never taken, the person is
   * asked to lift it, and if it stays the capture ends `glassNotClear`. The
   * template goes straight into the package; nothing of it is kept here or logged.
   */
  capture(request: CaptureRequest = {}): Promise<Result<CapturePackage, FingerprintDeviceError>> {
    const connected = this.connection?.driver;
    if (!connected) return Promise.resolve(err({ type: 'unavailable', status: this.status }));
    const run = this.operation.run(request.signal, (signal) => this.#capture(connected, signal, request));
    return run ?? Promise.resolve(err({ type: 'busy' }));
  }

  /** Module facts for a technician (the CLI's probe, the maintenance screen). */
  async describe(): Promise<Result<FingerprintInfo, FingerprintDeviceError>> {
    const connected = this.connection?.driver;
    if (!connected) return err({ type: 'unavailable', status: this.status });
    const count = await connected.reader.templateCount();
    if (!count.ok) return err(this.#failure(count.error));
    return ok({ deviceId: this.#deviceId(connected.parameters), parameters: connected.parameters, templateCount: count.value, hasLed: connected.hasLed });
  }

  /**
   * A technician's test capture: the usual capture (its quality score), then
   * the image the module still holds, for the maintenance screen only. The
   * template is dropped here; neither it nor the image is kept or logged.
   */
  testCapture(request: CaptureRequest = {}): Promise<Result<{ quality: number; image: GreyImage }, FingerprintDeviceError>> {
    const connected = this.connection?.driver;
    if (!connected) return Promise.resolve(err({ type: 'unavailable', status: this.status }));
    const run = this.operation.run(request.signal, async (signal) => {
      const captured = await this.#capture(connected, signal, request);
      if (!captured.ok) return captured;
      const image = await connected.reader.uploadImage({ signal });
      if (!image.ok) return err(this.#failure(image.error));
      return ok({ quality: captured.value.quality, image: image.value });
    });
    return run ?? Promise.resolve(err({ type: 'busy' }));
  }

  /** The aura LED through its cues (waiting, ok, fail) and off again; `false` when the module has none. */
  async ledTest(): Promise<Result<boolean, FingerprintDeviceError>> {
    const connected = this.connection?.driver;
    if (!connected) return err({ type: 'unavailable', status: this.status });
    if (!connected.hasLed) return ok(false);
    for (const cue of ['waiting', 'ok', 'fail'] as const) {
      const set = await connected.reader.setLed(cue);
      if (!set.ok) return err(this.#failure(set.error));
    }
    const off = await connected.reader.setLed({ control: 'off', colour: 'blue' });
    return off.ok ? ok(true) : err(this.#failure(off.error));
  }

  /** Session end: stop any capture and put the LED out, so the next person starts clean. */
  async clearForNextPerson(): Promise<void> {
    await this.operation.abort();
    const connected = this.connection?.driver;
    if (connected?.hasLed) await connected.reader.setLed({ control: 'off', colour: 'blue' });
  }

  async #handshake(transport: ByteTransport, config: FingerprintDeviceConfig): Promise<Result<Connected, HandshakeFailure>> {
    const reader = new FingerprintReader(transport, {
      baudRate: config.baudRate,
      ...(config.password === undefined ? {} : { password: config.password }),
      ...(config.address === undefined ? {} : { address: config.address }),
      ...(this.options.readerTimeouts ? { timeouts: this.options.readerTimeouts } : {}),
    });
    const fail = (error: FingerprintError): Result<never, HandshakeFailure> => {
      reader.dispose();
      if (error.type === 'disconnected') return err('unplugged');
      if (error.type === 'refused') {
        this.log.warn({ event: 'fingerprint.handshake.refused', reason: error.reason }, 'reader refused the handshake');
        return err('handshakeRefused');
      }
      return err('noAnswer');
    };
    const verified = await reader.verifyPassword();
    if (!verified.ok) return fail(verified.error);
    const parameters = await reader.readSystemParameters();
    if (!parameters.ok) return fail(parameters.error);
    let hasLed = false;
    if ((config.led ?? 'auto') === 'auto') {
      // Modules without the aura LED answer a packet error; that only means no cues.
      const led = await reader.setLed({ control: 'off', colour: 'blue' });
      if (!led.ok && led.error.type !== 'refused') return fail(led.error);
      hasLed = led.ok;
    }
    return ok({ reader, parameters: parameters.value, hasLed });
  }

  async #capture(connected: Connected, signal: AbortSignal, request: CaptureRequest): Promise<Result<CapturePackage, FingerprintDeviceError>> {
    const { reader } = connected;
    const tell = guidanceRelay(request.onGuidance);
    const timeoutMs = request.timeoutMs ?? this.options.captureTimeoutMs ?? DEFAULT_CAPTURE_TIMEOUT_MS;
    this.reporter.set('busy', 'operationStarted');
    const startedAt = performance.now();
    // The link went away under the capture: the reader is offline, not "online again" until the connection notices.
    let linkLost = false;
    try {
      await this.#cue(connected, 'waiting', signal);
      const captured = await reader.captureTemplate({ signal, timeoutMs, onGuidance: (guidance) => tell(guidanceForPerson(guidance)) });
      if (!captured.ok) {
        const error = captured.error;
        // A GenImg timeout is either the person's time running out or a silent module.
        const personTimedOut = error.type === 'timeout' && error.instruction === 'genImg' && performance.now() - startedAt >= timeoutMs;
        const failure: FingerprintDeviceError = personTimedOut ? { type: 'timeout' } : this.#failure(error);
        linkLost = failure.type === 'disconnected';
        if (failure.type !== 'aborted' && failure.type !== 'disconnected' && failure.type !== 'noAnswer') await this.#cue(connected, 'fail');
        this.log.info({ event: 'fingerprint.capture.failed', failure: failure.type }, 'capture failed');
        return err(failure);
      }
      await this.#cue(connected, 'ok');
      tell('captured');
      const { parameters } = connected;
      return ok(packageCapture(captured.value.template, captured.value.quality, this.#deviceId(parameters), (this.options.now ?? (() => new Date()))()));
    } finally {
      if (this.connection?.driver === connected) {
        // A lost link is dropped here and now (offline, reconnect scheduled) rather than when its close notice
        // arrives, so status and the next call agree. A driver already gone or replaced keeps its connection's status.
        if (linkLost) this.connection.reset('unplugged');
        else this.reporter.set('online', 'operationEnded');
      }
    }
  }

  async #cue(connected: Connected, cue: LedCue, signal?: AbortSignal): Promise<void> {
    // A cue that fails is not worth failing a capture for; a lost reader shows in the capture itself.
    if (connected.hasLed) await connected.reader.setLed(cue, signal ? { signal } : undefined);
  }

  #failure(error: FingerprintError): FingerprintDeviceError {
    switch (error.type) {
      case 'aborted':
        return { type: 'aborted' };
      case 'disconnected':
        return { type: 'disconnected' };
      case 'timeout':
        this.connection?.reset('noAnswer');
        return { type: 'noAnswer' };
      case 'refused':
        if (error.reason === 'imageMessy' || error.reason === 'tooFewFeatures') return { type: 'poorQuality' };
        return { type: 'deviceError', detail: error.reason };
      case 'garbled':
        return { type: 'deviceError', detail: `garbled reply to ${error.instruction}` };
      case 'invalidArgument':
        return { type: 'deviceError', detail: error.message };
      case 'glassNotClear':
        return { type: 'glassNotClear' };
    }
  }

  #deviceId(parameters: SystemParameters): string {
    return this.config?.deviceId ?? `zfm-${hex(parameters.systemId, 4)}-${hex(parameters.address, 8)}`;
  }
}
