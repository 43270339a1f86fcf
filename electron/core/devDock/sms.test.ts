import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../common/demo/population';
import { TestKiosk } from '../../../central/testing/kioskClient';
import { type DockRig, startDockRig } from './testing/dockRig';

/** The codes a person would read on their phone, from the embedded central's SMS outbox. */
describe('dev dock: SMS outbox', () => {
  let rig: DockRig;
  let kiosk: TestKiosk;
  beforeAll(async () => {
    rig = await startDockRig();
    kiosk = await TestKiosk.create(rig.central.url, rig.central.caCertPem);
    await kiosk.enrol(await rig.central.issueEnrolmentCode());
  });
  afterAll(async () => {
    await kiosk.close();
    await rig.close();
  });

  it('is empty before central has sent anything', async () => {
    expect(await rig.dock.readSms({ limit: 10 })).toEqual({ messages: [] });
    expect((await rig.dock.state()).central).toEqual({ fault: { mode: 'none' }, latestSmsId: null });
  });

  it('shows a sign-in code to the person’s mobile, newest first, with the code picked out', async () => {
    const faisal = rig.person((p) => p.idNumber === '1000000008');
    const anita = rig.person((p) => p.account?.username === 'Anita6506');
    for (const who of [faisal, anita]) {
      const started = await kiosk.call('/v1/citizens/sign-in', { body: { login: who.account?.username, password: DEMO_PASSWORD } });
      expect(started.status).toBe(202);
    }
    const { messages } = await rig.dock.readSms({ limit: 10 });
    expect(messages.map((m) => m.to)).toEqual([anita.mobile, faisal.mobile]);
    const [newest] = messages;
    expect(newest?.code).toBe(await rig.central.lastCode(anita.mobile));
    expect(newest?.text).toContain(newest?.code ?? '');
    expect(Date.parse(newest?.sentAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect((await rig.dock.state()).central?.latestSmsId).toBe(newest?.id);
    expect(await rig.dock.readSms({ limit: 1 })).toEqual({ messages: [newest] });
  });
});
