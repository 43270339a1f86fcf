import { type KeyObject, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { CentralContext } from '../context';
import { int, optionalInt } from '../store/columns';
import { type Answer, problem } from './answers';

/** The kiosk behind an mTLS connection, as far as we have checked it. */
export interface KioskIdentity {
  readonly kioskId: string;
  readonly serial: string;
  /** The certificate's key: capture signatures are checked against it. */
  readonly publicKey: KeyObject;
}

/** What the certificate on a connection says; a TLS connection's peer certificate never changes, so it is parsed once per connection. */
interface PresentedCertificate {
  readonly kioskId: string | undefined;
  readonly serial: string;
  readonly publicKey: KeyObject;
  readonly fromOurCa: boolean;
}
const presented = new WeakMap<TLSSocket, PresentedCertificate>();
const caCertificates = new Map<string, X509Certificate>();

function readPresented(socket: TLSSocket, raw: Buffer, caPem: string): PresentedCertificate {
  const cached = presented.get(socket);
  if (cached) return cached;
  const certificate = new X509Certificate(raw);
  let ca = caCertificates.get(caPem);
  if (!ca) {
    ca = new X509Certificate(caPem);
    caCertificates.set(caPem, ca);
  }
  const parsed = {
    kioskId: /(?:^|\n)CN=(KIOSK-[0-9A-F]{8})(?:\n|$)/.exec(certificate.subject)?.[1],
    serial: certificate.serialNumber.toLowerCase(),
    publicKey: certificate.publicKey,
    // Node checked the chain; this guards against a CA file that ever holds more than ours.
    fromOurCa: certificate.checkIssued(ca),
  };
  presented.set(socket, parsed);
  return parsed;
}

function isTlsSocket(socket: unknown): socket is TLSSocket {
  return typeof socket === 'object' && socket !== null && 'getPeerCertificate' in socket && 'authorized' in socket;
}

/**
 * The per-route check behind `requestCert: true, rejectUnauthorized: false`:
 * TLS verified the chain against our CA (and the dates); we add that the
 * certificate is one we issued to a kiosk we know and have not revoked.
 */
export async function authenticateKiosk(request: FastifyRequest, context: CentralContext): Promise<KioskIdentity | Answer> {
  const socket = request.raw.socket;
  if (!isTlsSocket(socket)) return problem('client_certificate_required', 'This route needs a TLS client certificate.');
  const peer = socket.getPeerCertificate(false);
  if (!peer || Object.keys(peer).length === 0 || !peer.raw) {
    return problem('client_certificate_required', 'No client certificate was presented.');
  }
  if (!socket.authorized) {
    const reason = String(socket.authorizationError ?? '');
    if (reason === 'CERT_HAS_EXPIRED') return problem('client_certificate_expired', 'The client certificate has expired; enrol again.');
    return problem('client_certificate_untrusted', 'The client certificate was not issued by the central CA.');
  }
  const { kioskId, serial, publicKey, fromOurCa } = readPresented(socket, peer.raw, context.ca.certificatePem);
  if (!fromOurCa) return problem('client_certificate_untrusted', 'The client certificate was not issued by the central CA.');
  if (!kioskId) return problem('kiosk_unknown', 'The certificate names no kiosk.');
  const row = await context.db.get(
    `SELECT c.revoked_at, c.not_after FROM certificates c JOIN kiosks k ON k.kiosk_id = c.kiosk_id
     WHERE c.serial = ? AND c.kiosk_id = ?`,
    [serial, kioskId],
  );
  if (!row) return problem('kiosk_unknown', 'This certificate does not belong to an enrolled kiosk.');
  if (optionalInt(row, 'revoked_at') !== null) return problem('certificate_revoked', 'This certificate has been revoked.');
  if (int(row, 'not_after') <= Date.now()) return problem('client_certificate_expired', 'The client certificate has expired; enrol again.');
  return { kioskId, serial, publicKey };
}

export function isAnswer(value: KioskIdentity | Answer): value is Answer {
  return 'status' in value && 'body' in value;
}
