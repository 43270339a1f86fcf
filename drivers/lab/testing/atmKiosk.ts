import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { sleep } from '../../../common/time';
import { type AuthoriseAnswer, authoriseAnswerSchema, type AuthoriseRequest } from '../../bankHost/wire';
import { AtmDevices } from '../../xfs4iot/atm';
import { XfsClient } from '../../xfs4iot/client';
import { RIG_TIMINGS } from '../../xfs4iot/testing/atmRig';

/**
 * For specs of the lab's ATM station: the kiosk's side of it (the XFS4IoT
 * device facade connected to the station's publisher, a bank-host call) and a
 * logger whose every line is kept, so a spec can look for PINs in it.
 */

/** The kiosk's ATM devices, connected to the publisher at `publisherUrl` over real WebSockets. */
export async function connectAtmDevices(publisherUrl: string): Promise<AtmDevices> {
  const url = new URL(publisherUrl);
  const client = await XfsClient.connect({
    host: url.hostname,
    ports: [Number(url.port)],
    timings: RIG_TIMINGS,
    reconnect: { baseMs: 20, capMs: 200, jitter: 'none' },
  });
  if (!client.ok) throw new Error(`the kiosk did not find the ATM: ${JSON.stringify(client.error)}`);
  return new AtmDevices(client.value);
}

/** POST /v1/authorise as the kiosk's bank client would: the answer, or the HTTP status of a refusal, or `dropped`. */
export async function authorise(bankHostUrl: string, request: AuthoriseRequest): Promise<AuthoriseAnswer | { status: number } | 'dropped'> {
  let response: Response;
  try {
    response = await fetch(`${bankHostUrl}/v1/authorise`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  } catch {
    return 'dropped';
  }
  if (response.status !== 200) return { status: response.status };
  return authoriseAnswerSchema.parse(await response.json());
}

interface CapturedLog {
  readonly log: Logger;
  readonly lines: string[];
}

/** A debug-level pino logger that keeps every line, without time, pid or host (digits a PIN search would trip on). */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'debug', base: null, timestamp: false }, destination), lines };
}

/** Resolves once `check` holds; polls a bounded number of times (the spec's own timeout is the real bound). */
export async function until(check: () => boolean, what: string, attempts = 400, everyMs = 10): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (check()) return;
    await sleep(everyMs);
  }
  throw new Error(`never happened: ${what}`);
}
