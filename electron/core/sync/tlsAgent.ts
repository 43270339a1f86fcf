import { Agent } from 'undici';

/** What TLS needs: the CA(s) to trust for central's certificate and, once enrolled, the kiosk's own pair. */
export interface TlsMaterial {
  caPem: readonly string[];
  clientCertificatePem?: string;
  clientKeyPem?: string;
}

/**
 * An undici Agent that trusts only the given CAs (not the system store: the
 * kiosk talks to one central, whose CA it was provisioned with) and presents
 * the kiosk certificate when it has one.
 */
export function createTlsAgent(tls: TlsMaterial, connectTimeoutMs = 10_000): Agent {
  return new Agent({
    connect: {
      ca: [...tls.caPem],
      ...(tls.clientCertificatePem && tls.clientKeyPem ? { cert: tls.clientCertificatePem, key: tls.clientKeyPem } : {}),
      timeout: connectTimeoutMs,
    },
    keepAliveTimeout: 30_000,
    connections: 4,
  });
}
