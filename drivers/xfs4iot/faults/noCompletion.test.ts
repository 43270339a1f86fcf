import { afterEach, expect, it } from 'vitest';
import type { XfsClient } from '../client';
import { type AtmRig, connectClient, openAtm, RIG_TIMINGS } from '../testing/atmRig';

let rig: AtmRig;
let client: XfsClient;
afterEach(async () => {
  await client.close();
  await rig.close();
});

it('a command acknowledged but never completed answers timeout after its own timeout and the grace, and is cancelled on the service', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  const reader = client.service('CardReader')!;
  rig.atm.control.setFault({ type: 'noCompletion', command: 'CardReader.Move' });
  expect(await reader.command('CardReader.Move', { to: 'exit' }, { timeoutMs: 100 })).toEqual({
    ok: false,
    error: { type: 'timeout', command: 'CardReader.Move', afterMs: 100 + RIG_TIMINGS.completionGraceMs },
  });
  const move = await rig.wire.next('CardReader.Move', (frame) => frame.direction === 'in');
  await rig.wire.next('Common.Cancel', (frame) => frame.direction === 'in' && JSON.parse(frame.text).payload.requestIds[0] === JSON.parse(move.text).header.requestId);
  // The connection is still good for the next command.
  expect(await reader.command('Common.Status', {})).toMatchObject({ ok: true });
});

it('a command with no timeout of its own is bounded by the client’s guard', async () => {
  rig = await openAtm();
  client = await connectClient(rig);
  rig.atm.control.setFault({ type: 'noCompletion' });
  expect(await client.service('Printer')!.command('Common.Status', {}, { guardMs: 150 })).toEqual({
    ok: false,
    error: { type: 'timeout', command: 'Common.Status', afterMs: 150 },
  });
});
