/**
 * Customer sessions as a scripted person runs them through the core's RPC (no
 * think time), each ending the way the renderer ends one: a completed journey
 * (fingerprint or SMS code), a cancelled one, a menu left untouched. What each
 * produces at central is the core's own telemetry (`session.ended`, and the
 * facts a journey adds), through the outbox.
 */
import type { RunningCentral } from '../../central/server';
import type { KioskSnapshot } from '../../electron/contract';
import { labPost } from './coreProcess';
import type { Renderer } from './coreProcess';

/** Central's seeded people (central/README.md): `faisal` is first in every population, so the lab's fingers match. */
const faisal = { idNumber: '1000000008', username: 'Faisal1042', mobile: '+966548986580', password: 'Kiosk2030demo' } as const;

export type SessionKind = 'recoverUsername' | 'signIn' | 'abandoned' | 'noService';

/** Where a script stands, for a kill to land on: each step a script passes. */
export type Mark = 'session' | 'journey' | 'central' | 'result' | 'ended';

interface ScriptContext {
  renderer: Renderer;
  labUrl: string;
  central: RunningCentral;
  /** Called as the script passes each mark (the fault suite kills the core at one). */
  mark?: (mark: Mark) => void | Promise<void>;
}

const step = (s: KioskSnapshot) => s.journey?.step ?? '';

async function newestCode(central: RunningCentral, mobile: string, after: number): Promise<{ id: number; code: string } | null> {
  const rows = await central.db.all('SELECT id, text FROM sms_outbox WHERE to_mobile = ? AND id > ? ORDER BY id DESC LIMIT 5', [mobile, after]);
  for (const row of rows) {
    const code = /\b(\d{4,8})\b/.exec(String(row['text']))?.[1];
    if (code) return { id: Number(row['id']), code };
  }
  return null;
}

async function lastSmsId(central: RunningCentral, mobile: string): Promise<number> {
  const rows = await central.db.all('SELECT MAX(id) AS id FROM sms_outbox WHERE to_mobile = ?', [mobile]);
  return Number(rows[0]?.['id'] ?? 0);
}

/** Waits (polling central's SMS outbox, as the e2e specs read `/dev/sms`) for a code newer than `after`. */
async function smsCode(ctx: ScriptContext, mobile: string, after: number): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const found = await newestCode(ctx.central, mobile, after);
    if (found) return found.code;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no SMS code for ${mobile} after id ${after}`);
}

/** One customer session of `kind`, from the first touch to the session's end. */
export async function runSession(ctx: ScriptContext, kind: SessionKind): Promise<void> {
  const { renderer } = ctx;
  const { api } = renderer;
  const mark = async (m: Mark) => ctx.mark?.(m);
  // A person touches a tile the screen shows as open: while central is out of reach (a heartbeat timed out on a busy
  // machine, say) the journeys are greyed out, and the script waits as a person at the screen would.
  const service = kind === 'noService' ? null : kind === 'abandoned' ? 'signIn' : kind;
  if (service) await renderer.until((s) => s.services.some((x) => x.id === service && x.available), `${service} open`, 120_000);
  await api.startSession({ trigger: 'touch' });
  await mark('session');
  if (kind === 'noService') {
    await api.endSession({ reason: 'cancel' });
    await mark('ended');
    return;
  }
  if (kind === 'abandoned') {
    await api.startJourney({ service: 'signIn' });
    await mark('journey');
    await api.cancelJourney({});
    await api.endSession({ reason: 'cancel' });
    await mark('ended');
    return;
  }
  if (kind === 'recoverUsername') {
    await labPost(ctx.labUrl, '/fingerprint/lift');
    await api.startJourney({ service: 'recoverUsername' });
    await mark('journey');
    await api.journeyEvent({ type: 'SUBMIT_ID', idNumber: faisal.idNumber });
    // The finger goes down only when the reader asks for it (one already on the glass is never taken).
    await renderer.until((s) => s.journey?.data.guidance === 'placeFinger' || Boolean(s.journey?.finished), 'the reader asking for a finger');
    if (!renderer.latest()?.journey?.finished) await labPost(ctx.labUrl, '/fingerprint/place', { person: faisal.idNumber, finger: 'right-index' });
    await mark('central');
    const done = await renderer.until((s) => Boolean(s.journey?.finished), 'recoverUsername finished');
    if (step(done) !== 'recoverUsername.recovered.finished') throw new Error(`recoverUsername ended at ${step(done)} (${done.journey?.error?.code ?? 'no error'})`);
    await mark('result');
    await labPost(ctx.labUrl, '/fingerprint/lift');
    if (renderer.latest()?.journey?.accepts.includes('FINISH')) await api.journeyEvent({ type: 'FINISH' });
    await api.endSession({ reason: 'completed' });
    await mark('ended');
    return;
  }
  // Sign in with the password, then the code central texts.
  const after = await lastSmsId(ctx.central, faisal.mobile);
  await api.startJourney({ service: 'signIn' });
  await mark('journey');
  await api.journeyEvent({ type: 'SUBMIT_CREDENTIALS', login: faisal.username, password: faisal.password });
  await renderer.until((s) => step(s) === 'signIn.code.entry' || Boolean(s.journey?.finished), 'the sign-in code asked for');
  await mark('central');
  await api.journeyEvent({ type: 'SUBMIT_CODE', code: await smsCode(ctx, faisal.mobile, after) });
  const done = await renderer.until((s) => step(s).startsWith('signIn.signedIn') || Boolean(s.journey?.finished), 'signed in');
  if (!step(done).startsWith('signIn.signedIn')) throw new Error(`signIn ended at ${step(done)} (${done.journey?.error?.code ?? 'no error'})`);
  await mark('result');
  if (renderer.latest()?.journey?.accepts.includes('SIGN_OUT')) await api.journeyEvent({ type: 'SIGN_OUT' });
  await api.endSession({ reason: 'completed' });
  await mark('ended');
}
