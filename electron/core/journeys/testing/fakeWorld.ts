import pino from 'pino';
import type { Clock } from '../../../../common/time';
import { SimulatedClock } from 'xstate';
import { err, ok } from '../../../../common/result';
import type { Result } from '../../../../common/result';
import type { AnyJourneyService, JourneyEvent, JourneyService, JourneyView } from '../../../contract/journeys';
import type { Language } from '../../../contract/session';
import type { CardHolderIdentity, CapturePackage, FingerprintDeviceError, PersonGuidance } from '../../devices';
import { answerSchema, routePath } from '../../sync';
import type { CitizenCall, CitizenCallError, CitizenRoute, RouteAnswer } from '../../sync';
import type { WireInput } from '../../sync/route';
import type { AtmJourneyPorts, BankCardRead } from '../../atm/ports';
import type { JourneyPorts } from '../ports';
import { JourneyRunner } from '../runner';
import type { JourneyRunnerOptions } from '../runner';

/**
 * A small stand-in for central and the devices, for specs about the
 * machines' logic: central answers well unless told otherwise (per route,
 * in order), the reader captures at once unless told otherwise, and the
 * card slot holds an ID card. Everything runs on a simulated clock.
 */

export const SECRETS = {
  idNumber: '1000000008',
  password: 'Zx9fresh7Pass',
  code: '9876',
  token: 'tok-secret-0123456789abcdef',
  template: Buffer.from('TEMPLATE-BYTES-SECRET').toString('base64'),
  sessionToken: 'sess-secret-0123456789abcdef',
  answer: 'Taif',
} as const;

type Answer = Result<unknown, CitizenCallError>;
type CaptureScript = 'ok' | 'hang' | FingerprintDeviceError['type'];

export function problem(code: string, extra: Record<string, unknown> = {}, status = 422): Answer {
  return err({ type: 'problem', status, code, detail: code, problem: { type: `urn:kiosk-central:problem:${code}`, title: code, status, detail: code, code, ...extra } });
}
export const down: Answer = err({ type: 'centralUnavailable', detail: 'network: ECONNRESET' });

/** Which route a path is: `activations`, `confirm`, `resend`, `verifications/fingerprint`, … */
function routeOf(path: string): string {
  if (path.endsWith('/confirm')) return 'confirm';
  if (path.endsWith('/confirm-current')) return 'confirm-current';
  if (path.endsWith('/resend')) return 'resend';
  if (path.endsWith('/username-sms')) return 'username-sms';
  return path.replace('/v1/citizens/', '');
}

export class FakeWorld {
  readonly clock = new SimulatedClock();
  readonly answers = new Map<string, Answer[]>();
  readonly calls: { route: string; path: string; body: unknown; key: string; language: Language | undefined }[] = [];
  /** The customer session's language, as KioskCore would tell the runner. */
  language: Language | null = 'ar';
  readonly captures: CaptureScript[] = [];
  readonly views: JourneyView<AnyJourneyService>[] = [];
  readonly visited = new Set<string>();
  readonly endRequests: string[] = [];
  /** What the next verification says about the account. */
  accountState: 'none' | 'registered' | 'pending_bank' | 'active' | 'locked' = 'registered';
  maskedMobile: string | null = '05X XXX X123';
  card: CardHolderIdentity | 'timeout' = { kind: 'nationalId', idNumber: SECRETS.idNumber, expiry: '2033-01-01', expired: false };
  cardOutcome: 'taken' | 'retained' | 'jammed' = 'taken';
  readonly runner: JourneyRunner;
  /** The fake central and devices, for a KioskCore that builds its own runner. */
  readonly ports: JourneyPorts;
  private sessions = 0;
  private sessionId = '';
  private ids = 0;

  /** ATM: what the ATM and the bank do (electron/core/journeys/testing/fakeAtm.ts). */
  readonly atm: AtmJourneyPorts | undefined;
  /** ATM: key presses on the EPP counted as the person's activity. */
  activity = 0;

  constructor(options: Partial<Pick<JourneyRunnerOptions, 'timings' | 'rules'>> & { atm?: AtmJourneyPorts } = {}) {
    const { atm, ...runnerOptions } = options;
    this.atm = atm;
    const clock: Clock = {
      setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms),
      clearTimeout: (id) => this.clock.clearTimeout(id as number),
      now: () => this.clock.now(),
    };
    this.ports = this.makePorts();
    this.runner = new JourneyRunner({
      ports: this.ports,
      clock,
      log: pino({ level: 'silent' }),
      endSession: (reason) => void this.endRequests.push(reason),
      sessionLanguage: () => this.language,
      onStateVisited: (step) => this.visited.add(step),
      onActivity: () => void (this.activity += 1),
      ...runnerOptions,
    });
    this.runner.onChange(() => {
      const view = this.runner.view();
      if (view) this.views.push(view);
    });
  }

  /** The next answer(s) for a route, in order; after them the route answers well again. */
  answer(route: string, ...answers: Answer[]): this {
    this.answers.set(route, [...(this.answers.get(route) ?? []), ...answers]);
    return this;
  }

  capture(...scripts: CaptureScript[]): this {
    this.captures.push(...scripts);
    return this;
  }

  start(service: JourneyService, options: { newSession?: boolean } = {}): JourneyView<AnyJourneyService> {
    if (!this.sessionId || options.newSession) this.sessionId = `fake-session-${++this.sessions}`;
    this.runner.start(service, { id: this.sessionId });
    return this.view();
  }

  /** ATM: a card went in and the session began with it. */
  async startAtm(bankCard: BankCardRead, options: { newSession?: boolean } = {}): Promise<JourneyView<AnyJourneyService>> {
    if (!this.sessionId || options.newSession) this.sessionId = `fake-session-${++this.sessions}`;
    this.runner.startAtm({ id: this.sessionId }, bankCard);
    await this.settle();
    return this.view();
  }

  async send(event: JourneyEvent): Promise<JourneyView<AnyJourneyService>> {
    this.runner.send(event);
    await this.settle();
    return this.view();
  }

  view(): JourneyView<AnyJourneyService> {
    const view = this.runner.view();
    if (!view) throw new Error('no journey');
    return view;
  }

  get step(): string {
    return this.view().step;
  }

  async advance(ms: number): Promise<void> {
    this.clock.increment(ms);
    await this.settle();
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 8; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  endSession(): void {
    this.runner.endSession();
  }

  routes(): string[] {
    return this.calls.map((c) => c.route);
  }

  private makePorts(): JourneyPorts {
    return {
      callCitizen: async <K extends CitizenRoute>(call: CitizenCall<K>) => {
        const { body, params } = call as WireInput;
        const path = routePath(call.route, params);
        const route = routeOf(path);
        this.calls.push({ route, path, body, key: call.idempotencyKey, language: call.language });
        const queued = this.answers.get(route)?.shift();
        const answer = queued ?? this.goodAnswer(route, path);
        if (!answer.ok) return answer;
        // The fake's answers go through the route's own schema, as central's would.
        return ok(answerSchema(call.route).parse(answer.value) as RouteAnswer<K>);
      },
      newTransactionId: () => `KIOSK-FAKE-${String(++this.ids).padStart(8, '0')}`,
      fingerprint: {
        capture: ({ signal, onGuidance }) => this.runCapture(signal, onGuidance),
      },
      cardSlot: {
        waitForCard: async () => (this.card === 'timeout' ? err({ type: 'timeout' }) : ok({ inserted: true as const })),
        readIdentity: async () => (this.card === 'timeout' ? err({ type: 'noCard' }) : ok(this.card)),
        returnCard: async () => (this.cardOutcome === 'jammed' ? err({ type: 'jammed' }) : ok({ outcome: this.cardOutcome })),
      },
      signCapture: async (capture) => ({ ...capture, signature: 'c2lnbmF0dXJl' }),
      ...(this.atm ? { atm: this.atm } : {}),
    };
  }

  private runCapture(signal: AbortSignal | undefined, onGuidance: ((g: PersonGuidance) => void) | undefined): Promise<Result<CapturePackage, FingerprintDeviceError>> {
    const script = this.captures.shift() ?? 'ok';
    if (script === 'hang') {
      return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(err({ type: 'aborted' })), { once: true }));
    }
    return (async () => {
      await Promise.resolve();
      onGuidance?.('placeFinger');
      if (script !== 'ok') return err({ type: script } as FingerprintDeviceError);
      onGuidance?.('holdStill');
      onGuidance?.('captured');
      return ok({ format: 'synthetic-minutiae-v1' as const, quality: 90, deviceId: 'fake-reader', template: SECRETS.template, capturedAt: new Date(0).toISOString() });
    })();
  }

  /** The signed-in profile (edit user information reads it first). */
  private profile() {
    return {
      username: 'Faisal1042',
      idNumberLast4: '0008',
      nameAr: 'فيصل الحربي',
      nameEn: 'Faisal Alharbi',
      accountState: 'active',
      maskedMobile: '05X XXX X123',
      email: null,
      address: null,
      language: 'ar',
    };
  }

  private goodAnswer(route: string, path: string): Answer {
    const wall = Date.now();
    const codeSent = {
      challengeId: `CH-${'0'.repeat(23)}${this.calls.length % 10}`,
      codeSentTo: '05X XXX X123',
      codeLength: 4,
      expiresAt: new Date(wall + 300_000).toISOString(),
      resendAfter: new Date(wall + 60_000).toISOString(),
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    };
    switch (route) {
      case 'verifications/fingerprint':
        return ok({
          verificationToken: SECRETS.token,
          method: 'fingerprint',
          expiresAt: new Date(wall + 120_000).toISOString(),
          holder: { nameAr: 'فيصل الحربي', nameEn: 'Faisal Alharbi', holderType: 'citizen' },
          accountState: this.accountState,
          maskedMobile: this.maskedMobile,
        });
      case 'confirm': {
        if (path.includes('/registrations/') || path.includes('/activations/')) {
          return ok({ accountState: path.includes('/activations/') ? 'active' : 'registered', username: 'Faisal1042', maskedMobile: '05X XXX X123', idNumberLast4: '0008' });
        }
        if (path.includes('/sign-in/')) {
          return ok({ sessionToken: SECRETS.sessionToken, expiresAt: new Date(wall + 600_000).toISOString(), mustChangePassword: false, nameAr: 'فيصل الحربي', nameEn: 'Faisal Alharbi', idNumberMasked: '******0008' });
        }
        if (path.includes('/password-resets/')) return ok({ message: { ar: 'تم تحديث كلمة المرور بنجاح', en: 'password updated successfully' } });
        if (path.includes('/username-recoveries/')) return ok({ maskedUsername: 'Fa******2', sentTo: '05X XXX X123' });
        if (path.includes('/mobile-changes/') || path.includes('/me/mobile/')) return ok({ maskedMobile: '05X XXX X456' });
        if (path.includes('/me/password/')) return ok({ message: { ar: 'تم تحديث كلمة المرور بنجاح', en: 'Password updated successfully' } });
        if (path.includes('/me/email/')) return ok(this.profile());
        throw new Error(`fake central: no confirm for ${path}`);
      }
      case 'me/sign-out':
        return ok({ ok: true });
      case 'me':
      case 'me/address':
        return ok(this.profile());
      case 'me/email':
      case 'me/password':
      case 'me/mobile':
      case 'confirm-current':
        return ok(codeSent);
      case 'activations/bank/preview':
        return ok({ idNumberMasked: '******0008', maskedMobile: this.maskedMobile, accountState: this.accountState });
      case 'activations/bank':
        return ok({ accountState: 'pending_bank', maskedMobile: this.maskedMobile, message: { ar: 'تم استلام الطلب، ستصلك رسالة نصية', en: 'Request received; an SMS will follow.' } });
      case 'password-resets/security-question/lookup':
        return ok({ question: { ar: 'مدينة الميلاد؟', en: 'City of birth?' } });
      case 'username-recoveries/fingerprint':
      case 'username-sms':
        return ok({ maskedUsername: 'Fa******2', sentTo: '05X XXX X123' });
      case 'resend':
      case 'activations':
      case 'registrations':
      case 'sign-in':
      case 'password-resets/fingerprint':
      case 'password-resets/security-question':
      case 'username-recoveries/sms':
      case 'mobile-changes':
        return ok(codeSent);
      default:
        throw new Error(`fake central: unknown route ${route}`);
    }
  }
}
