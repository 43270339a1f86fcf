import pino from 'pino';
import { luhnCheckDigit } from '../../../common/luhn';
import { demoPinKey } from '../../pinBlock/demoKeys';
import { encipherPinBlock, type PinBlockFormat } from '../../pinBlock/pinBlock';
import type { BankCustomer } from '../customers';
import { type BankHostOptions, type RunningBankHost, startBankHost } from '../server';

/**
 * One bank host on 127.0.0.1 with known cards (one of each demo bank, signed
 * for with the demo keys unless a spec gives its own), a settable clock and
 * its pino lines captured (no time, pid or hostname in them, so a digit
 * found there came from what the host chose to log).
 */

const pan = (payload: string): string => `${payload}${luhnCheckDigit(payload) ?? ''}`;

/** 15 January 2026, 09:00 UTC. */
export const RIG_NOW = Date.UTC(2026, 0, 15, 9);

export const RIG_CARDS = {
  linked: { pan: pan('484711122233344'), bankCode: 'RJHI', expiry: '2030-05', nationalIdNumber: '1098765432', nameOnCard: 'TEST/LINKED', pin: '8264' },
  /** Expires at the end of June 2026. */
  linkedToo: { pan: pan('484755566677788'), bankCode: 'SNB', expiry: '2026-06', nationalIdNumber: '2123456789', nameOnCard: 'TEST/OTHER', pin: '731905' },
  unlinked: { pan: pan('484799988877766'), bankCode: 'RIBL', expiry: '2029-11', nationalIdNumber: null, nameOnCard: 'TEST/UNLINKED', pin: '5093' },
  expired: { pan: pan('484733344455566'), bankCode: 'ALBI', expiry: '2025-12', nationalIdNumber: '1055555555', nameOnCard: 'TEST/EXPIRED', pin: '4718' },
} as const satisfies Record<string, BankCustomer>;

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly body: unknown;
}

export interface BankRig {
  readonly host: RunningBankHost;
  /** Every pino line the host wrote. */
  readonly logs: string[];
  /** Every answer body the rig received, as text. */
  readonly answers: string[];
  setNow(ms: number): void;
  /** The EPP's side: a block under the demo key for the format. */
  blockFor(format: PinBlockFormat, pin: string, cardPan: string): string;
  authorise(card: BankCustomer, pin: string, format?: PinBlockFormat): Promise<HttpAnswer>;
  post(path: string, body: string, contentType?: string): Promise<HttpAnswer>;
  get(path: string): Promise<HttpAnswer>;
}

export async function withBankHost(run: (rig: BankRig) => Promise<void>, options: BankHostOptions = {}): Promise<void> {
  const logs: string[] = [];
  const answers: string[] = [];
  let now = RIG_NOW;
  const host = await startBankHost({
    customers: Object.values(RIG_CARDS),
    now: () => now,
    log: pino({ base: null, timestamp: false, level: 'debug' }, { write: (line: string) => void logs.push(line) }),
    ...options,
  });
  const send = async (path: string, init?: RequestInit): Promise<HttpAnswer> => {
    const response = await fetch(`${host.url}${path}`, init);
    const text = await response.text();
    answers.push(text);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body: text === '' ? undefined : JSON.parse(text) };
  };
  const post = (path: string, body: string, contentType = 'application/json'): Promise<HttpAnswer> =>
    send(path, { method: 'POST', headers: { 'content-type': contentType }, body });
  const blockFor = (format: PinBlockFormat, pin: string, cardPan: string): string => {
    const block = encipherPinBlock({ format, pin, pan: cardPan, key: demoPinKey(format) });
    if (!block.ok) throw new Error(`rig cannot encipher: ${block.error.type}`);
    return block.value;
  };
  const rig: BankRig = {
    host,
    logs,
    answers,
    setNow: (ms) => {
      now = ms;
    },
    blockFor,
    authorise: (card, pin, format = 'iso0') =>
      post('/v1/authorise', JSON.stringify({ pan: card.pan, expiry: `${card.expiry.slice(2, 4)}${card.expiry.slice(5, 7)}`, pinBlock: blockFor(format, pin, card.pan), format })),
    post,
    get: (path) => send(path),
  };
  try {
    await run(rig);
  } finally {
    await host.close();
  }
}
