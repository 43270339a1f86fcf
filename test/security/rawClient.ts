import { Agent, request } from 'node:https';

/**
 * HTTPS exactly as an attacker writes it: the path goes on the wire byte for
 * byte (no URL parser resolving dot segments or re-encoding), with or without
 * a client certificate.
 */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly body: unknown;
}

interface RawClientOptions {
  readonly port: number;
  readonly caCertPem: string;
  readonly cert?: string;
  readonly key?: string;
}

export class RawClient {
  private readonly agent: Agent;
  constructor(private readonly options: RawClientOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 4, ca: options.caCertPem, cert: options.cert, key: options.key });
  }

  send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<RawAnswer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(init.body));
    }
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.options.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if (String(res.headers['content-type'] ?? '').includes('json') && text.length > 0) {
            try {
              body = JSON.parse(text) as unknown;
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const pct = (char: string): string =>
  [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * Ways to write one path that a router (or a proxy in front of it) may take
 * for the same route: every single character percent-encoded (upper- and
 * lower-case hex), the whole path encoded, encoded slashes, dot segments
 * (plain and encoded), doubled slashes, trailing slash / dot / semicolon /
 * query, backslashes and case changes.
 */
export function spellings(path: string): string[] {
  const out = new Set<string>([path]);
  const chars = [...path];
  chars.forEach((char, index) => {
    if (char === '/') return;
    const before = chars.slice(0, index).join('');
    const after = chars.slice(index + 1).join('');
    out.add(`${before}${pct(char)}${after}`);
    out.add(`${before}${pct(char).toLowerCase()}${after}`);
  });
  out.add(path.split('/').map((segment) => [...segment].map(pct).join('')).join('/'));
  const slashes = chars.flatMap((char, index) => (char === '/' ? [index] : []));
  for (const index of slashes) {
    const before = chars.slice(0, index).join('');
    const after = chars.slice(index + 1).join('');
    out.add(`${before}//${after}`);
    out.add(`${before}/./${after}`);
    out.add(`${before}/%2e/${after}`);
    out.add(`${before}/x/../${after}`);
    out.add(`${before}/x/%2e%2e/${after}`);
    if (index > 0) {
      out.add(`${before}%2F${after}`);
      out.add(`${before}%2f${after}`);
      out.add(`${before}\\${after}`);
    }
  }
  out.add(`/${path}`);
  out.add(`${path}/`);
  out.add(`${path}/.`);
  out.add(`${path}.`);
  out.add(`${path};`);
  out.add(`${path};x=1`);
  out.add(`${path}?`);
  out.add(`${path}?x=1`);
  out.add(`${path}%00`);
  out.add(`${path}%20`);
  out.add(path.toUpperCase());
  out.add(path.replace(/\/([a-z])/g, (_m, letter: string) => `/${letter.toUpperCase()}`));
  out.add(path.replace(/^\/([a-z]+)/, (_m, first: string) => `/${first.toUpperCase()}`));
  return [...out];
}

/** Fills `:param` placeholders with well-formed sample values. */
const SAMPLE_PARAMS: Record<string, string> = {
  id: 'CMD-0123456789AB',
  challengeId: 'CH-0123456789abcdef01234567',
  violationNumber: '0000000001',
  kioskId: 'KIOSK-0000ABCD',
};

export const concretePath = (url: string): string => url.replace(/:([A-Za-z]+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x');

export function problemCode(answer: RawAnswer): string | undefined {
  const body = answer.body;
  return typeof body === 'object' && body !== null && 'code' in body ? String((body as { code: unknown }).code) : undefined;
}
