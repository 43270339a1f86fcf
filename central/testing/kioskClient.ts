import { randomUUID, sign } from 'node:crypto';
import { Agent, request } from 'undici';
import { captureSigningText } from '../../common/wire/captureSigning';
import { ECDSA_SHA256, generateKeyPair, privateKeyToPem, x509 } from '../pki/x509';
import type { CryptoKeyPair } from '../pki/x509';

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly contentType: string;
}

interface CallOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  /** Raw bytes instead of JSON (malformed-body specs). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly idempotencyKey?: string | null;
  readonly bearer?: string;
}

/** TLS to the central server: trusts only its CA; presents a client certificate when it has one. */
export class CentralClient {
  private agent: Agent;

  constructor(
    readonly baseUrl: string,
    readonly caCertPem: string,
    private credentials: { certificatePem: string; keyPem: string } | null = null,
  ) {
    this.agent = this.makeAgent();
  }

  private makeAgent(): Agent {
    return new Agent({
      connect: this.credentials ? { ca: this.caCertPem, cert: this.credentials.certificatePem, key: this.credentials.keyPem } : { ca: this.caCertPem },
    });
  }

  async useCredentials(credentials: { certificatePem: string; keyPem: string } | null): Promise<void> {
    await this.agent.close();
    this.credentials = credentials;
    this.agent = this.makeAgent();
  }

  async call(path: string, options: CallOptions = {}): Promise<HttpAnswer> {
    const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? 'POST' : 'GET');
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    if (method === 'POST' && options.idempotencyKey !== null && path.startsWith('/v1/citizens')) headers['idempotency-key'] = options.idempotencyKey ?? `tx-${randomUUID()}`;
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const response = await request(`${this.baseUrl}${path}`, { method, headers, body, dispatcher: this.agent });
    const raw = await response.body.text();
    const contentType = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      headers: response.headers,
      contentType,
      body: raw.length > 0 && contentType.includes('json') ? (JSON.parse(raw) as unknown) : raw,
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** A kiosk as the real one behaves: its own P-256 key, a CSR, enrolment, then mTLS. */
export class TestKiosk {
  kioskId = '';
  certificatePem = '';
  private constructor(
    readonly keys: CryptoKeyPair,
    readonly keyPem: string,
    readonly client: CentralClient,
  ) {}

  static async create(baseUrl: string, caCertPem: string): Promise<TestKiosk> {
    const keys = await generateKeyPair();
    return new TestKiosk(keys, await privateKeyToPem(keys.privateKey), new CentralClient(baseUrl, caCertPem));
  }

  async csrPem(keys: CryptoKeyPair = this.keys): Promise<string> {
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=kiosk', keys, signingAlgorithm: ECDSA_SHA256 });
    return csr.toString('pem');
  }

  /** Enrols with the code and switches to mTLS with the issued certificate. */
  async enrol(enrolmentCode: string): Promise<HttpAnswer> {
    const answer = await this.client.call('/v1/kiosks/enrol', { body: { enrolmentCode, csrPem: await this.csrPem() } });
    if (answer.status === 201) {
      const body = answer.body as { kioskId: string; certificatePem: string };
      this.kioskId = body.kioskId;
      this.certificatePem = body.certificatePem;
      await this.client.useCredentials({ certificatePem: this.certificatePem, keyPem: this.keyPem });
    }
    return answer;
  }

  call(path: string, options?: CallOptions): Promise<HttpAnswer> {
    return this.client.call(path, options);
  }

  /** Signs a capture the way the kiosk core must (README: capture signing). */
  signCapture(fields: Parameters<typeof captureSigningText>[0]): string {
    return sign('sha256', Buffer.from(captureSigningText(fields), 'utf8'), { key: this.keyPem, dsaEncoding: 'ieee-p1363' }).toString('base64');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
