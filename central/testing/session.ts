import type { LabPerson } from '../../common/demo/population';
import type { TestCentral } from './harness';
import type { TestKiosk } from './kioskClient';

/** Signs a lab person in the way the kiosk does: password, SMS code, session. */
export async function signIn(central: TestCentral, kiosk: TestKiosk, who: LabPerson, password = who.account?.password ?? ''): Promise<string> {
  const started = await kiosk.call('/v1/citizens/sign-in', { body: { login: who.account?.username ?? who.idNumber, password } });
  if (started.status !== 202) throw new Error(`sign-in refused: ${JSON.stringify(started.body)}`);
  const { challengeId } = started.body as { challengeId: string };
  const mobile = (await central.rows('SELECT mobile FROM accounts WHERE id_number = ?', [who.idNumber]))[0]?.mobile;
  const code = await central.lastCode(String(mobile));
  const confirmed = await kiosk.call(`/v1/citizens/sign-in/${challengeId}/confirm`, { body: { code } });
  if (confirmed.status !== 200) throw new Error(`sign-in confirm refused: ${JSON.stringify(confirmed.body)}`);
  return (confirmed.body as { sessionToken: string }).sessionToken;
}
