import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import type { KioskIdentity } from '../store/identity';
import type { CentralError } from './centralError';
import { createCentralHttp } from './httpClient';
import { certificateValidity, newKeyAndRequest } from './kioskKey';
import { callRoute } from './respond';
import { createTlsAgent } from './tlsAgent';
import type { IssuedCertificate } from './centralClient';

interface EnrolmentRequest {
  centralUrl: string;
  /** The CA the kiosk was provisioned with: the only one trusted for central's certificate. */
  caPem: string;
  enrolmentCode: string;
  /** The kiosk's configured id, as a hint in the CSR subject (central mints the real one). */
  subjectHint: string;
  now: () => number;
  timeoutMs?: number;
}

export function identityFrom(issued: IssuedCertificate, privateKeyPem: string, provisionedCaPem: string | null, now: number): KioskIdentity {
  const { notBefore, notAfter } = certificateValidity(issued.certificatePem);
  // Trust both: the CA provisioned on the kiosk and the one central names (the same in the reference server).
  const caPem = [provisionedCaPem, issued.caCertPem].filter((p): p is string => !!p && p.length > 0);
  return {
    kioskId: issued.kioskId,
    privateKeyPem,
    certificatePem: issued.certificatePem,
    caPem: [...new Set(caPem)].join('\n'),
    notBefore,
    notAfter,
    enrolledAt: now,
  };
}

/**
 * First contact: a one-time code and a CSR over server-authenticated TLS (no
 * client certificate yet). The answer is a client certificate for mTLS.
 */
export async function enrol(request: EnrolmentRequest): Promise<Result<KioskIdentity, CentralError>> {
  const { privateKeyPem, csrPem } = await newKeyAndRequest(request.subjectHint);
  const agent = createTlsAgent({ caPem: [request.caPem] });
  try {
    const issued = await callRoute(createCentralHttp(request.centralUrl, agent), 'enrolKiosk', { body: { enrolmentCode: request.enrolmentCode, csrPem } }, { timeoutMs: request.timeoutMs ?? 15_000 });
    if (!issued.ok) return issued;
    try {
      return ok(identityFrom(issued.value, privateKeyPem, request.caPem, request.now()));
    } catch {
      return err({ type: 'invalidResponse', status: 201, detail: 'the issued certificate does not parse' });
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
}

/** When to renew: at `fraction` of the certificate's lifetime (central's contract says the kiosk renews at half life). */
export function renewalDue(identity: Pick<KioskIdentity, 'notBefore' | 'notAfter'>, fraction = 0.5): number {
  return identity.notBefore + Math.floor((identity.notAfter - identity.notBefore) * fraction);
}
