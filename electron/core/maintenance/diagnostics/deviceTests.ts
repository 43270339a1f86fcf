import type { DiagnosticAction, DiagnosticActionResult } from '../../../contract';
import type { CardHolderIdentity, DeviceManager, PersonGuidance } from '../../devices';
import { printTestPage } from '../../receipts/testPage';
import type { CounterValues } from '../../store/deviceCounters';
import { failureOf, outcome } from './outcome';

/** The tests that need a technician at the kiosk, each one bounded in time. */
interface DeviceTestDeps {
  devices: DeviceManager | null;
  counters: () => CounterValues;
  kioskId: () => string;
  language: () => 'ar' | 'en';
  now: () => number;
  /** A card kept by the retain test: counted in the bin like any other (telemetry, counter), in one transaction. */
  retained: (device: 'cardSlot') => Promise<number | null>;
  /** "Bin emptied": the count goes to 0 with its audit entry; answers the count it had. */
  binEmptied: (device: 'cardSlot') => Promise<number>;
}

const TEST_TIMEOUT_MS = 30_000;
/** A capture below this quality score is worth cleaning the glass for. */
const QUALITY_WARN_BELOW = 60;

/** A card read shows only what a receipt would: the kind, the last four, the expiry. */
function maskedCard(identity: CardHolderIdentity): Record<string, string | boolean> {
  switch (identity.kind) {
    case 'nationalId':
    case 'iqama':
      return { card: identity.kind, number: `******${identity.idNumber.slice(-4)}`, expiry: identity.expiry, expired: identity.expired };
    case 'bank':
      return { card: 'bank', number: identity.maskedPan, expiry: identity.expiry, expired: identity.expired };
    case 'technician':
      return { card: 'technician', number: `****${identity.technicianId.slice(-4)}` };
    case 'unreadable':
      return { card: 'unreadable', reason: identity.reason };
  }
}

/** 8-bit grey back to the module's 4 bits a pixel, two a byte (the levels it captured: ×17 on the way up, ÷17 here). */
function packGrey4(pixels: Uint8Array): string {
  const packed = Buffer.alloc(Math.ceil(pixels.length / 2));
  for (let i = 0; i < packed.length; i += 1) packed[i] = (Math.round((pixels[2 * i] ?? 0) / 17) << 4) | Math.round((pixels[2 * i + 1] ?? 0) / 17);
  return packed.toString('base64');
}

const failed = (action: DiagnosticAction, error: { type: string; status?: string; detail?: string; message?: string }, at: number): DiagnosticActionResult => {
  const why = failureOf(error);
  return { check: outcome(action, 'fail', why.detail, at, { code: why.code }) };
};

export async function runDeviceTest(
  action: DiagnosticAction,
  deps: DeviceTestDeps,
  { signal, onGuidance }: { signal?: AbortSignal; onGuidance?: (guidance: PersonGuidance) => void } = {},
): Promise<DiagnosticActionResult> {
  const devices = deps.devices;
  const at = deps.now;
  if (!devices) return { check: outcome(action, 'fail', 'this kiosk has no such device', at(), { code: 'notFitted' }) };
  const opts = signal ? { signal } : {};
  switch (action) {
    case 'fingerprint.testCapture': {
      const captured = await devices.fingerprint.testCapture({ ...opts, timeoutMs: TEST_TIMEOUT_MS, ...(onGuidance ? { onGuidance } : {}) });
      if (!captured.ok) return failed(action, captured.error, at());
      const { quality, image } = captured.value;
      const result = quality < QUALITY_WARN_BELOW ? 'warn' : 'pass';
      return {
        check: outcome(action, result, `captured, quality ${quality}`, at(), { code: result === 'warn' ? 'poorQuality' : null, facts: { quality } }),
        // For the screen only: the caller never stores, logs or sends it.
        image: { width: image.width, height: image.height, grey4Base64: packGrey4(image.pixels) },
      };
    }
    case 'fingerprint.ledTest': {
      const led = await devices.fingerprint.ledTest();
      if (!led.ok) return failed(action, led.error, at());
      return { check: led.value ? outcome(action, 'pass', 'the LED went blue, green, red and off', at(), { facts: { led: true } }) : outcome(action, 'warn', 'this module has no LED', at(), { code: 'noLed', facts: { led: false } }) };
    }
    case 'cardSlot.readTest': {
      const arrived = await devices.cardSlot.waitForCard({ ...opts, timeoutMs: TEST_TIMEOUT_MS });
      if (!arrived.ok) return failed(action, arrived.error, at());
      const identity = await devices.cardSlot.readIdentity(opts);
      if (!identity.ok) return failed(action, identity.error, at());
      const facts = maskedCard(identity.value);
      const readable = identity.value.kind !== 'unreadable';
      return { check: outcome(action, readable ? 'pass' : 'fail', readable ? `read a ${String(facts.card)} card; it is still in the slot` : 'the card could not be read', at(), { code: readable ? null : 'unreadable', facts }) };
    }
    case 'cardSlot.eject': {
      const back = await devices.cardSlot.returnCard({ ...opts, takeTimeoutMs: TEST_TIMEOUT_MS });
      if (!back.ok) return failed(action, back.error, at());
      if (back.value.outcome === 'retained') await deps.retained('cardSlot');
      return { check: outcome(action, 'pass', back.value.outcome === 'taken' ? 'ejected and taken' : 'ejected, not taken in time: retained', at(), { facts: { outcome: back.value.outcome } }) };
    }
    case 'cardSlot.retainTest': {
      const kept = await devices.cardSlot.retain(opts);
      if (!kept.ok) return failed(action, kept.error, at());
      const count = await deps.retained('cardSlot');
      return { check: outcome(action, 'pass', `the card went into the retain bin (${count ?? '?'} there now)`, at(), { facts: { binCount: count } }) };
    }
    case 'cardSlot.binEmptied': {
      const before = await deps.binEmptied('cardSlot');
      return { check: outcome(action, 'pass', `retain bin count reset (was ${before})`, at(), { facts: { before, count: 0 } }) };
    }
    case 'printer.testPage': {
      const life = deps.counters().printer ?? {};
      const printed = await printTestPage(devices.printer, {
        kioskId: deps.kioskId(),
        language: deps.language(),
        at: new Date(at()),
        lifeCounters: { receiptsPrinted: life.receiptsPrinted ?? 0, paperOutEvents: life.paperOutEvents ?? 0 },
      });
      if (!printed.ok) {
        const error = printed.error;
        return { check: outcome(action, 'fail', `not printed: ${error.type}`, at(), { code: error.type === 'unavailable' ? 'unplugged' : error.type }) };
      }
      return { check: outcome(action, printed.value.paperNearEnd ? 'warn' : 'pass', `printed ${printed.value.bytesSent} bytes and cut`, at(), { code: printed.value.paperNearEnd ? 'paperLow' : null, facts: { bytesSent: printed.value.bytesSent } }) };
    }
  }
}
