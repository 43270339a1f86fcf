import { describe, expect, it } from 'vitest';
import { procedureNames } from '../contract';
import type { RpcChannel } from '../contract';
import { startTestCore } from './testing/coreHarness';

/** Speaks birpc's envelope by hand, as a hostile renderer could. */
function rawCall(channel: RpcChannel, method: string, args: unknown[]): Promise<{ e?: { code: string; issues?: unknown[] }; r?: unknown }> {
  const id = Math.random().toString(36).slice(2);
  return new Promise((resolve) => {
    const listener = (data: string) => {
      const msg = JSON.parse(data) as { t: string; i?: string; e?: { code: string }; r?: unknown };
      if (msg.t === 's' && msg.i === id) {
        channel.off?.(listener);
        resolve(msg);
      }
    };
    channel.on(listener);
    channel.post(JSON.stringify({ t: 'q', i: id, m: method, a: args }));
  });
}

const malformedInputs: unknown[] = [undefined, null, 42, 'text', [], { unexpected: true }, { trigger: 'x', language: 'fr', reason: 7 }];

describe('the contract refuses malformed calls', () => {
  for (const procedure of procedureNames) {
    it(`${procedure}: every malformed input gets invalid_argument and changes nothing`, async () => {
      const t = startTestCore();
      t.core.markStarted();
      const before = t.core.snapshot();
      for (const input of malformedInputs) {
        const reply = await rawCall(t.channel, procedure, [input]);
        // getSnapshot, reportActivity and extendSession take `{}`: only a wrong shape is refused.
        expect(reply.e?.code, `input ${JSON.stringify(input)}`).toBe('invalid_argument');
      }
      const reply = await rawCall(t.channel, procedure, [{}, {}]);
      expect(reply.e?.code).toBe('invalid_argument');
      const after = t.core.snapshot();
      expect({ ...after, now: 0 }).toEqual({ ...before, now: 0 });
    });
  }

  it('an unknown procedure gets unknown_procedure, including prototype names', async () => {
    const t = startTestCore();
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const reply = await rawCall(t.channel, name, [{}]);
      expect(reply.e?.code).toBe('unknown_procedure');
    }
  });

  it('reports where the input was wrong, without echoing values', async () => {
    const t = startTestCore();
    const reply = await rawCall(t.channel, 'setLanguage', [{ language: '1234567890' }]);
    expect(reply.e?.code).toBe('invalid_argument');
    expect(JSON.stringify(reply.e)).not.toContain('1234567890');
    expect(reply.e?.issues).toEqual([expect.objectContaining({ path: 'language' })]);
  });

  it('ignores garbage that is not an RPC envelope, and keeps serving', async () => {
    const t = startTestCore();
    t.core.markStarted();
    for (const garbage of ['not json', '{}', '[]', 'null', '{"t":"q"}', '{"t":"q","m":1,"a":[]}', 'x'.repeat(70_000)]) {
      t.channel.post(garbage);
    }
    const reply = await rawCall(t.channel, 'getSnapshot', [{}]);
    expect(reply.e).toBeUndefined();
  });

  it('an internal failure is reported as internal without leaking its message', async () => {
    const t = startTestCore();
    t.core.api.getSnapshot = async () => {
      throw new Error('secret stack detail 1012345678');
    };
    const reply = await rawCall(t.channel, 'getSnapshot', [{}]);
    expect(reply.e).toEqual({ code: 'internal', message: 'the kiosk core failed' });
  });
});
