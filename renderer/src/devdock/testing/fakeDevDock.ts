import { serveKioskApi } from '../../../../electron/contract/serve';
import { KioskError, createMemoryChannelPair } from '../../contract';
import type {
  DevDockActionResult,
  DevDockApi,
  DevDockAtmActionResult,
  DevDockAtmCatalogue,
  DevDockAtmOutcome,
  DevDockAtmState,
  DevDockCatalogue,
  DevDockOutcome,
  DevDockPrintedReceipt,
  DevDockPrinterState,
  DevDockSms,
  DevDockState,
} from '../../contract';
import { createFakeHost } from '../../host/fakeHost';
import type { KioskHost } from '../../host';
import { FakeCore } from '../../../test/fakeCore';

/**
 * A pretend lab behind the dock's procedures, for component specs: served
 * with the kiosk's fake core through the real `serveKioskApi`, so every call
 * the dock makes is validated as the core would.
 */
class FakeDevDock {
  readonly calls: { procedure: keyof DevDockApi; input: unknown }[] = [];
  /** Set to make every procedure refuse, as a production core does. */
  refuse = false;
  /** Set to make the next procedure fail so (a lost answer, say), once. */
  failNext: KioskError | null = null;
  catalogue: DevDockCatalogue = {
    hasLab: true,
    hasCentral: true,
    people: [
      {
        idNumber: '1000000008',
        nameAr: 'فيصل الحربي',
        nameEn: 'Faisal Alharbi',
        holderType: 'citizen',
        accountState: 'active',
        username: 'Faisal1042',
        mobile: '+966548986580',
        fingers: ['rightThumb', 'rightIndex', 'leftIndex'],
        cards: [
          { id: 'nationalId-1000000008', kind: 'nationalId', last4: '0008', expiry: '2033-11-08' },
          { id: 'bank-4847000000000679', kind: 'bank', last4: '0679', expiry: '2029-01-31' },
        ],
      },
      {
        idNumber: '2991854098',
        nameAr: 'أنيتا ماري',
        nameEn: 'Anita Mary',
        holderType: 'resident',
        accountState: 'locked',
        username: 'Anita6506',
        mobile: '+966565479980',
        fingers: ['leftThumb', 'leftIndex'],
        cards: [{ id: 'iqama-2991854098', kind: 'iqama', last4: '4098', expiry: '2034-06-05' }],
      },
    ],
    technicianCards: [{ id: 'technician-1001', kind: 'technician', last4: '1001', expiry: '2099-12-31' }],
  };
  state: DevDockState = {
    lab: {
      cardSlot: {
        plugged: true,
        position: 'noCard',
        shutter: 'closed',
        card: null,
        heldCard: null,
        retainedCards: 0,
        slowMs: 0,
        counters: { inserted: 0, ejected: 0, retained: 0, unplugs: 0, replugs: 0 },
      },
      fingerprint: { plugged: true, finger: null, responding: true, slowMs: 0, counters: { placements: 0, unplugs: 0, replugs: 0 } },
      magstripe: { plugged: true, swipes: 0 },
    },
    devices: { fingerprint: 'online', cardSlot: 'online', magstripe: 'online' },
    central: { fault: { mode: 'none' }, latestSmsId: null },
  };
  sms: DevDockSms[] = [];
  /** What the next lab action answers. */
  nextOutcome: DevDockOutcome = { ok: true, done: 'heldAtSlot' };
  atmCatalogue: DevDockAtmCatalogue = { hasAtm: false, notice: '', cards: [] };
  atmState: DevDockAtmState = { atm: null, bank: null, central: null };
  /** What the next ATM action answers. */
  nextAtmOutcome: DevDockAtmOutcome = { ok: false, refusal: 'noAtm' };
  printerState: DevDockPrinterState = {
    printer: { plugged: true, online: true, paper: 'ok', coverOpen: false, error: null, receiptsPrinted: 0, paperOuts: 0, lastReceipt: null },
    kiosk: 'online',
  };
  /** The receipt devDockPrinterReceipt answers with. */
  printedReceipt: DevDockPrintedReceipt | null = null;

  readonly api: DevDockApi = {
    devDockCatalogue: async (input) => this.record('devDockCatalogue', input, () => this.catalogue),
    devDockState: async (input) => this.record('devDockState', input, () => this.state),
    devDockReadSms: async (input) => this.record('devDockReadSms', input, () => ({ messages: this.sms.slice(0, input.limit) })),
    devDockInsertCard: async (input) => this.record('devDockInsertCard', input, () => this.answer()),
    devDockTakeCard: async (input) => this.record('devDockTakeCard', input, () => this.answer()),
    devDockPlaceFinger: async (input) => this.record('devDockPlaceFinger', input, () => this.answer()),
    devDockLiftFinger: async (input) => this.record('devDockLiftFinger', input, () => this.answer()),
    devDockDeviceFault: async (input) => this.record('devDockDeviceFault', input, () => this.answer()),
    devDockCentralFault: async (input) => this.record('devDockCentralFault', input, () => this.answer()),
    devDockSkipTime: async (input) => this.record('devDockSkipTime', input, () => this.answer()),
    devDockAtmCatalogue: async (input) => this.record('devDockAtmCatalogue', input, () => this.atmCatalogue),
    devDockAtmState: async (input) => this.record('devDockAtmState', input, () => this.atmState),
    devDockAtmInsertCard: async (input) => this.record('devDockAtmInsertCard', input, () => this.atmAnswer()),
    devDockAtmTakeCard: async (input) => this.record('devDockAtmTakeCard', input, () => this.atmAnswer()),
    devDockAtmPressKeys: async (input) => this.record('devDockAtmPressKeys', input, () => this.atmAnswer()),
    devDockAtmFault: async (input) => this.record('devDockAtmFault', input, () => this.atmAnswer()),
    devDockAtmHeadset: async (input) => this.record('devDockAtmHeadset', input, () => this.atmAnswer()),
    devDockAtmResetPinTries: async (input) => this.record('devDockAtmResetPinTries', input, () => this.atmAnswer()),
    devDockRunBankActivations: async (input) => this.record('devDockRunBankActivations', input, () => this.atmAnswer()),
    devDockPrinterState: async (input) => this.record('devDockPrinterState', input, () => this.printerState),
    devDockPrinterReceipt: async (input) => this.record('devDockPrinterReceipt', input, () => ({ receipt: this.printedReceipt })),
    devDockPrinterFault: async (input) => this.record('devDockPrinterFault', input, () => ({ ok: true as const, done: 'faultSet' as const, state: this.printerState })),
  };

  /** A message from central, newest first as the outbox lists them. */
  sendSms(message: Omit<DevDockSms, 'id'>): void {
    const id = (this.sms[0]?.id ?? 0) + 1;
    this.sms = [{ id, ...message }, ...this.sms];
    if (this.state.central) this.state = { ...this.state, central: { ...this.state.central, latestSmsId: id } };
  }

  callsOf(procedure: keyof DevDockApi): unknown[] {
    return this.calls.filter((c) => c.procedure === procedure).map((c) => c.input);
  }

  private answer(): DevDockActionResult {
    return { ...this.nextOutcome, state: this.state };
  }

  private atmAnswer(): DevDockAtmActionResult {
    return { ...this.nextAtmOutcome, state: this.atmState };
  }

  private async record<T>(procedure: keyof DevDockApi, input: unknown, run: () => T): Promise<T> {
    this.calls.push({ procedure, input });
    if (this.refuse) throw new KioskError('not_allowed', 'the dev dock exists only in the demo profile');
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    return run();
  }
}

/** The kiosk's fake core and the fake lab behind one host, as the dock reaches them. */
export function createDockTestHost(): { core: FakeCore; dock: FakeDevDock; host: KioskHost } {
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const core = new FakeCore();
  const dock = new FakeDevDock();
  serveKioskApi({ ...core.api, ...dock.api }, coreEnd);
  return { core, dock, host: createFakeHost(rendererEnd) };
}
