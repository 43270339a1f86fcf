import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { atmFaultRequestSchema } from './atmFaults';
import type { AtmInsertError, AtmStation, AtmStationState } from './atmStation';
import type { LabCatalogue } from './catalogue';
import type { InsertCardError } from '../cardSlot/simulatedState';
import type { CardSlotStation } from './cardSlotStation';
import { faultRequestSchema } from './faults';
import { parseFingerName } from './fingerNames';
import type { FingerprintStation } from './fingerprintStation';
import type { MagstripeStation } from './magstripeStation';
import { type PrinterStation, printerCoverRequestSchema, printerFaultRequestSchema, printerPaperRequestSchema } from './printerStation';
import { type ApiReply, problem } from './problem';

/**
 * The lab's control API: JSON over HTTP on 127.0.0.1, for tests, the CLI and
 * the demo's dev dock. Every body is validated; every error is problem JSON.
 *
 * With the ATM station (`npm run lab -- --atm`): `GET /atm/cards` (bank cards
 * with masked holder IDs and DEMO PINs), `GET /atm/state`, `POST
 * /atm/card/insert {"card": "bank-<PAN>"}`, `POST /atm/card/take {}`, `POST
 * /atm/keys {"keys": "1234 enter"}` (digits, enter, cancel, clear, backspace,
 * fdk01…fdk08), `POST /atm/headset {"plugged": true}` (headphones in the audio
 * jack or out), `POST /atm/fault {"kind": …}` (atmFaults.ts), `POST
 * /atm/bank/reset-tries {"card"}`, `GET /atm/receipts` and `GET /atm/receipts/<n|last>.png` (what
 * the ATM's printer printed); without it each answers 404 no-atm.
 *
 * The receipt printer: `POST /printer/paper {"paper": "ok" | "low" | "out",
 * "afterRows"?: N}` (with `afterRows` the roll ends N dot rows on, in the
 * middle of the next receipt), `POST /printer/cover {"open": true | false}`,
 * `POST /printer/fault {"kind": "unplug" | "replug" | "garble" | "mute" |
 * "cutterError" | "unrecoverableError" | "none"}`, `GET /printer/receipts`
 * (the receipts it keeps, oldest first, each with the URL of its PNG) and
 * `GET /printer/receipts/<number>.png` (or `last.png`): the paper itself.
 */

interface LabStations {
  readonly fingerprint: FingerprintStation;
  readonly cardSlot: CardSlotStation;
  readonly magstripe: MagstripeStation;
  readonly printer: PrinterStation;
  /** Only when the lab runs with an ATM station (`npm run lab -- --atm`). */
  readonly atm?: AtmStation | undefined;
}

export interface LabControlState {
  readonly fingerprint: ReturnType<FingerprintStation['state']>;
  readonly cardSlot: ReturnType<CardSlotStation['state']>;
  readonly magstripe: ReturnType<MagstripeStation['state']>;
  readonly printer: ReturnType<PrinterStation['state']>;
  readonly atm?: AtmStationState;
}

const MAX_BODY_BYTES = 16 * 1024;

const placeSchema = z
  .object({
    person: z.string().min(1).max(20),
    finger: z.string().min(1).max(20),
    /** That many captures come out too messy before a good one. */
    poorImages: z.number().int().min(0).max(10).optional(),
  })
  .strict();
const cardSchema = z.object({ card: z.string().min(1).max(64) }).strict();
const emptySchema = z.object({}).strict();
/** EPP keys: digits, `enter`, `cancel`, `clear`, `backspace`, `fdk01`…`fdk08`, separated by spaces. */
const keysSchema = z.object({ keys: z.string().min(1).max(200) }).strict();
const headsetSchema = z.object({ plugged: z.boolean() }).strict();

export function labState(stations: LabStations): LabControlState {
  const { fingerprint, cardSlot, magstripe, printer, atm } = stations;
  return {
    fingerprint: fingerprint.state(),
    cardSlot: cardSlot.state(),
    magstripe: magstripe.state(),
    printer: printer.state(),
    ...(atm ? { atm: atm.control.state() } : {}),
  };
}

type Handler = (body: unknown) => Promise<ApiReply> | ApiReply;

function validated<S extends z.ZodType>(schema: S, handle: (input: z.infer<S>) => Promise<ApiReply> | ApiReply): Handler {
  return (body) => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) {
      return {
        status: 400,
        body: {
          type: '/problems/invalid-body',
          title: 'The request body is not valid',
          status: 400,
          issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        },
      };
    }
    return handle(parsed.data);
  };
}

/** Why a slot did not take a card, as the API answers it (409: the slot's state, not the request): problem type and title. */
const SLOT_REFUSALS: Readonly<Record<InsertCardError['type'], readonly [type: string, title: string]>> = {
  slotOccupied: ['slot-busy', 'There is already a card in the slot'],
  entryDisabled: ['entry-disabled', 'The shutter is closed: the kiosk is not accepting a card now'],
  unplugged: ['unplugged', 'The card slot is unplugged'],
  rejectedNoStripe: ['rejected', 'The slot accepts magnetic-stripe cards only and pushed this one back'],
};
const ATM_REFUSALS: Readonly<Record<Exclude<AtmInsertError['type'], 'unknownCard'>, readonly [type: string, title: string]>> = {
  notAccepting: ['atm-not-accepting', 'The ATM is not taking a card now: its shutter opens when the kiosk waits for one'],
  occupied: ['atm-card-inside', 'There is already a card in the ATM'],
};

const noAtm = (): ApiReply => problem(404, 'no-atm', 'The lab runs without an ATM station', 'start it with `npm run lab -- --atm`');

/** The ATM station's routes; each answers 404 no-atm when the lab runs without one. */
function atmRoutes(stations: LabStations): Record<string, Handler> {
  const state = (): ApiReply => ({ status: 200, body: labState(stations) });
  const withAtm =
    (handle: (atm: AtmStation) => Handler): Handler =>
    (body) =>
      stations.atm ? handle(stations.atm)(body) : noAtm();
  return {
    'GET /atm/cards': withAtm((atm) => () => ({ status: 200, body: atm.control.cards() })),
    'GET /atm/state': withAtm((atm) => () => ({ status: 200, body: atm.control.state() })),
    'GET /atm/receipts': withAtm((atm) => () => ({
      status: 200,
      body: { receipts: atm.control.receipts().map((receipt) => ({ number: receipt.number, widthDots: receipt.raster.width, heightDots: receipt.raster.height, png: atmReceiptPngPath(receipt.number) })) },
    })),
    'POST /atm/card/insert': withAtm((atm) =>
      validated(cardSchema, ({ card }) => {
        const inserted = atm.control.insertCard(card);
        if (inserted.ok) return state();
        if (inserted.error.type === 'unknownCard') return problem(404, 'unknown-card', 'No such card in the lab', `no card with id ${card}`);
        return problem(409, ...ATM_REFUSALS[inserted.error.type]);
      }),
    ),
    'POST /atm/card/take': withAtm((atm) =>
      validated(emptySchema, () => (atm.control.takeCard().ok ? state() : problem(409, 'no-card-at-exit', 'There is no card at the ATM’s exit to take'))),
    ),
    'POST /atm/keys': withAtm((atm) =>
      validated(keysSchema, ({ keys }) => {
        const pressed = atm.control.pressKeys(keys);
        // The key is not echoed: a typo in a run of PIN digits would carry them back.
        if (!pressed.ok) return problem(400, 'unknown-key', 'Not an EPP key', 'keys are digits, enter, cancel, clear, backspace or fdk01…fdk08, separated by spaces');
        return { status: 200, body: { pressed: pressed.value, ...labState(stations) } };
      }),
    ),
    'POST /atm/headset': withAtm((atm) =>
      validated(headsetSchema, ({ plugged }) => {
        atm.control.plugHeadset(plugged);
        return state();
      }),
    ),
    'POST /atm/fault': withAtm((atm) =>
      validated(atmFaultRequestSchema, (fault) => {
        atm.control.setFault(fault);
        return state();
      }),
    ),
    'POST /atm/bank/reset-tries': withAtm((atm) =>
      validated(cardSchema, ({ card }) => (atm.control.resetPinTries(card) ? state() : problem(404, 'unknown-card', 'The bank has no such card', `no bank card with id ${card}`))),
    ),
  };
}

/** Where a kept receipt's PNG is served. */
function receiptPngPath(number: number | 'last'): string {
  return `/printer/receipts/${number}.png`;
}
const RECEIPT_PNG = /^\/printer\/receipts\/([0-9]{1,9}|last)\.png$/;

/** Where a receipt the ATM's printer printed is served as a PNG (`GET /atm/receipts`: the kept ones). */
function atmReceiptPngPath(number: number | 'last'): string {
  return `/atm/receipts/${number}.png`;
}
const ATM_RECEIPT_PNG = /^\/atm\/receipts\/([0-9]{1,9}|last)\.png$/;

/** `GET /atm/receipts/<n>.png`: what came out of the ATM's receipt printer, as printed. */
async function atmReceiptPng(stations: LabStations, path: string): Promise<ApiReply | undefined> {
  const match = ATM_RECEIPT_PNG.exec(path);
  if (!match) return undefined;
  if (!stations.atm) return noAtm();
  const which = match[1] === 'last' ? undefined : Number(match[1]);
  const png = await stations.atm.control.receiptPng(which);
  if (!png) return problem(404, 'no-receipt', 'The ATM keeps no such receipt', which === undefined ? 'nothing has been printed yet' : `receipt ${which} is not (or no longer) kept`);
  return { status: 200, body: png, contentType: 'image/png' };
}

function printerRoutes(stations: LabStations): Record<string, Handler> {
  const state = (): ApiReply => ({ status: 200, body: labState(stations) });
  const { printer } = stations;
  return {
    'POST /printer/paper': validated(printerPaperRequestSchema, (request) => {
      printer.setPaper(request);
      return state();
    }),
    'POST /printer/cover': validated(printerCoverRequestSchema, ({ open }) => {
      printer.setCover(open);
      return state();
    }),
    'POST /printer/fault': validated(printerFaultRequestSchema, async (fault) => {
      await printer.applyFault(fault);
      return state();
    }),
    'GET /printer/receipts': () => ({
      status: 200,
      body: { receipts: printer.receipts().map((receipt) => ({ ...receipt, png: receiptPngPath(receipt.number) })) },
    }),
  };
}

/** `GET /printer/receipts/<n>.png`: the receipt as printed, or 404 when the lab no longer keeps it. */
async function receiptPng(stations: LabStations, path: string): Promise<ApiReply | undefined> {
  const atm = await atmReceiptPng(stations, path);
  if (atm) return atm;
  const match = RECEIPT_PNG.exec(path);
  if (!match) return undefined;
  const which = match[1] === 'last' ? undefined : Number(match[1]);
  const png = await stations.printer.receiptPng(which);
  if (!png) return problem(404, 'no-receipt', 'The lab keeps no such receipt', which === undefined ? 'nothing has been printed yet' : `receipt ${which} is not (or no longer) kept`);
  return { status: 200, body: png, contentType: 'image/png' };
}

function routes(stations: LabStations, catalogue: LabCatalogue): Record<string, Handler> {
  const state = (): ApiReply => ({ status: 200, body: labState(stations) });
  return {
    ...atmRoutes(stations),
    ...printerRoutes(stations),
    'GET /people': () => ({ status: 200, body: { people: catalogue.people } }),
    'GET /cards': () => ({ status: 200, body: { cards: catalogue.cards } }),
    'GET /state': state,
    'POST /fingerprint/place': validated(placeSchema, ({ person, finger, poorImages }) => {
      const fingers = catalogue.fingersOf(person);
      if (!fingers) return problem(404, 'unknown-person', 'No such person in the lab', `no person with ID number ${person}`);
      const name = parseFingerName(finger);
      if (!name) return problem(400, 'unknown-finger', 'No such finger', `"${finger}" is not a finger name such as "right-index"`);
      if (!fingers.includes(name)) return problem(400, 'finger-not-enrolled', 'That finger is not enrolled for this person');
      stations.fingerprint.place({ personId: person, finger: name }, poorImages === undefined ? {} : { poorImages });
      return state();
    }),
    'POST /fingerprint/lift': validated(emptySchema, () => {
      stations.fingerprint.lift();
      return state();
    }),
    'POST /card/insert': validated(cardSchema, ({ card: id }) => {
      const card = catalogue.card(id);
      if (!card) return problem(404, 'unknown-card', 'No such card in the lab', `no card with id ${id}`);
      const inserted = stations.cardSlot.insert(card);
      if (inserted.ok) return state();
      return problem(409, ...SLOT_REFUSALS[inserted.error.type]);
    }),
    'POST /card/take': validated(emptySchema, () => {
      const taken = stations.cardSlot.take();
      if (!taken.ok) return problem(409, 'no-card-at-gate', 'There is no card at the gate to take');
      return state();
    }),
    'POST /magstripe/swipe': validated(cardSchema, ({ card: id }) => {
      const card = catalogue.card(id);
      if (!card) return problem(404, 'unknown-card', 'No such card in the lab', `no card with id ${id}`);
      if (!stations.magstripe.swipe(card)) return problem(409, 'unplugged', 'The swipe reader is unplugged');
      return state();
    }),
    'POST /fault': validated(faultRequestSchema, async (fault) => {
      const station = fault.device === 'fingerprint' ? stations.fingerprint : stations.cardSlot;
      const applied = await station.applyFault(fault);
      if (!applied.ok) return problem(400, 'fault-not-applicable', `A ${fault.device} cannot have the fault "${fault.kind}"`);
      return state();
    }),
  };
}

async function readJson(request: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false; reply: ApiReply }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { ok: false, reply: problem(413, 'too-large', 'The request body is too large') };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reply: problem(400, 'invalid-json', 'The request body is not JSON') };
  }
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function send(response: ServerResponse, reply: ApiReply): void {
  if (reply.contentType && reply.body instanceof Uint8Array) {
    response.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': reply.body.byteLength, 'cache-control': 'no-store' });
    response.end(reply.body);
    return;
  }
  const isProblem = reply.status >= 400;
  response.writeHead(reply.status, { 'content-type': isProblem ? 'application/problem+json' : 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(reply.body));
}

interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startControlServer(stations: LabStations, catalogue: LabCatalogue, port = 0): Promise<ControlServer> {
  const table = routes(stations, catalogue);
  let allowedHosts: readonly string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      // DNS rebinding: a web page that resolves its own name to 127.0.0.1 still sends its own Host.
      if (!allowedHosts.includes(request.headers.host ?? '')) {
        send(response, problem(403, 'foreign-host', 'The lab answers only requests addressed to its loopback address'));
        return;
      }
      // A page in a browser can POST text/plain or a form without a preflight; it cannot send application/json.
      if (request.method !== 'GET' && request.method !== 'HEAD' && !isJson(request.headers['content-type'])) {
        send(response, problem(415, 'unsupported-media-type', 'Send request bodies as application/json'));
        return;
      }
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '') || '/';
      const png = request.method === 'GET' ? await receiptPng(stations, path) : undefined;
      if (png) {
        send(response, png);
        return;
      }
      const handler = table[`${request.method ?? 'GET'} ${path}`];
      if (!handler) {
        const known = Object.keys(table).some((key) => key.endsWith(` ${path}`));
        send(response, known ? problem(405, 'method-not-allowed', 'Method not allowed') : problem(404, 'not-found', 'No such endpoint'));
        return;
      }
      const body = await readJson(request);
      if (!body.ok) {
        send(response, body.reply);
        return;
      }
      send(response, await handler(body.body));
    })().catch(() => {
      if (!response.headersSent) send(response, problem(500, 'internal', 'The lab failed to handle the request'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the lab drives devices and must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${bound}`, `localhost:${bound}`];
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
