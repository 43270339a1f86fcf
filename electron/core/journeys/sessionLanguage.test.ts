import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { DEMO_PASSWORD } from '../../../common/demo/population';
import type { RunningCentral } from '../../../central/server';
import { connectKiosk, createMemoryChannelPair } from '../../contract';
import type { KioskApi } from '../../contract';
import { resolveConfig } from '../config/load';
import { eventually } from '../devices/testing/labRig';
import { KioskCore } from '../kiosk';
import { createLogger } from '../log';
import { transactionIds } from '../store/transactionId';
import { callCitizen } from '../sync/citizenCalls';
import type { CitizenCallPolicy, CitizenRoute } from '../sync/citizenCalls';
import { enrolledKiosk, startTestCentral } from '../sync/testing/centralFixture';
import { FakeWorld } from './testing/fakeWorld';

/**
 * Issue 11 item 5, the kiosk's half: every citizen call a journey makes
 * carries the language the person is using at the screen at that moment (the
 * customer session's, switched by the renderer's setLanguage), and the
 * reference central writes the SMS in it, whatever the account's language.
 */

// The README's active accounts: Faisal's language is Arabic, Anita's English.
const faisal = { username: 'Faisal1042', mobile: '+966548986580' };
const anita = { username: 'Anita6506', mobile: '+966565479980' };
const quick: CitizenCallPolicy = { attempts: 2, timeoutMs: 3_000, backoff: { baseMs: 0, capMs: 0, jitter: 'none' } };

let central: RunningCentral;
let closeCentral: () => Promise<void>;
let kiosk: Awaited<ReturnType<typeof enrolledKiosk>>;
const centralOffset = { ms: 0 };

beforeAll(async () => {
  ({ central, close: closeCentral } = await startTestCentral({ now: () => Date.now() + centralOffset.ms }));
  kiosk = await enrolledKiosk(central);
});
afterAll(async () => {
  await kiosk?.dispose();
  await closeCentral?.();
});

function kioskCore() {
  const calls: { route: CitizenRoute; language: string | undefined }[] = [];
  const simulated = new SimulatedClock();
  const core = new KioskCore({
    config: resolveConfig([{ central: { url: central.url, caFile: '/dev/null' } }]),
    logger: createLogger({ level: 'silent' }),
    clock: { setTimeout: (fn, ms) => simulated.setTimeout(fn, ms), clearTimeout: (id) => simulated.clearTimeout(id as number), now: () => simulated.now() },
    // Sign-in needs no device: the fake world's devices stand by, central is the real one.
    journeyPorts: {
      ...new FakeWorld().ports,
      newTransactionId: transactionIds(kiosk.identity.kioskId),
      callCitizen: (call) => {
        calls.push({ route: call.route, language: call.language });
        return callCitizen(kiosk.client, call, quick);
      },
    },
  });
  core.markStarted();
  core.setCentralReachable(true);
  const [coreEnd, rendererEnd] = createMemoryChannelPair();
  const disconnect = core.connect(coreEnd);
  const client = connectKiosk(rendererEnd, { snapshot: () => undefined, sessionEnded: () => undefined, reloadRequested: () => undefined });
  const reach = async (step: string) => {
    await eventually(() => {
      const journey = core.snapshot().journey;
      return journey?.step === step && !journey.busy;
    }, step);
    return core.snapshot().journey;
  };
  const stop = () => {
    client.close();
    disconnect();
    core.stop();
  };
  return { api: client.api as KioskApi, calls, reach, stop };
}

async function lastSms(mobile: string): Promise<{ text: string; code: string }> {
  const row = await central.db.get('SELECT text, code FROM sms_outbox WHERE to_mobile = ? ORDER BY id DESC LIMIT 1', [mobile]);
  if (!row) throw new Error('no SMS');
  return { text: String(row['text']), code: String(row['code']) };
}

describe('the kiosk tells central the session’s language on every citizen call', () => {
  it('the temporary password comes in the screen’s language, and follows a switch made mid-journey', async () => {
    const { api, calls, reach, stop } = kioskCore();
    try {
      await api.setLanguage({ language: 'en' });
      await api.startJourney({ service: 'signIn' });
      await api.journeyEvent({ type: 'SUBMIT_CREDENTIALS', login: faisal.username, password: DEMO_PASSWORD });
      await reach('signIn.code.entry');
      expect((await lastSms(faisal.mobile)).text).toMatch(/^Your temporary password to sign in: \d{4}\. Valid for 5 minutes\./);

      // The person switches to Arabic at the code step and asks for a new code.
      await api.setLanguage({ language: 'ar' });
      centralOffset.ms += 61_000;
      await api.journeyEvent({ type: 'RESEND_CODE' });
      await reach('signIn.code.entry');
      const resent = await lastSms(faisal.mobile);
      expect(resent.text).toMatch(/^كلمة المرور المؤقتة لتسجيل الدخول: \d{4}\. صالحة لمدة 5 دقائق\./);

      await api.journeyEvent({ type: 'SUBMIT_CODE', code: resent.code });
      await reach('signIn.signedIn');
      await api.journeyEvent({ type: 'SIGN_OUT' });
      await reach('signIn.signedOut.finished');
      expect(calls).toEqual([
        { route: 'signIn', language: 'en' },
        { route: 'resendCode', language: 'ar' },
        { route: 'confirmSignIn', language: 'ar' },
        { route: 'signOut', language: 'ar' },
      ]);
    } finally {
      stop();
    }
  });

  it('an English account in an Arabic session: ar on the call, the SMS in Arabic', async () => {
    const { api, calls, reach, stop } = kioskCore();
    try {
      await api.setLanguage({ language: 'ar' });
      await api.startJourney({ service: 'signIn' });
      await api.journeyEvent({ type: 'SUBMIT_CREDENTIALS', login: anita.username, password: DEMO_PASSWORD });
      await reach('signIn.code.entry');
      expect(calls).toEqual([{ route: 'signIn', language: 'ar' }]);
      expect((await lastSms(anita.mobile)).text).toMatch(/^كلمة المرور المؤقتة لتسجيل الدخول/);
    } finally {
      stop();
    }
  });
});
