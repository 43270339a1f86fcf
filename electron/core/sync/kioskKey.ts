import { webcrypto } from 'node:crypto';
import { x509 } from './x509';

interface KioskKeyAndRequest {
  /** PKCS#8 PEM. Goes to the store (wrapped) and to TLS; never to a log line. */
  privateKeyPem: string;
  csrPem: string;
}

function pem(label: string, der: ArrayBuffer): string {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/**
 * A fresh ECDSA P-256 key made on this kiosk, and a PKCS#10 request signed
 * with it. The private key never leaves the machine: central sees only the CSR.
 */
export async function newKeyAndRequest(subjectHint: string): Promise<KioskKeyAndRequest> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    // Central ignores the subject and mints the kiosk id; the hint helps a human reading the request.
    name: `CN=${subjectHint.replace(/[^A-Za-z0-9-]/g, '')}`,
    keys: keys as unknown as x509.Pkcs10CertificateRequestCreateParams['keys'],
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return {
    privateKeyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    csrPem: csr.toString('pem'),
  };
}

/** Validity of a PEM certificate, in epoch milliseconds. */
export function certificateValidity(certificatePem: string): { notBefore: number; notAfter: number } {
  const cert = new x509.X509Certificate(certificatePem);
  return { notBefore: cert.notBefore.getTime(), notAfter: cert.notAfter.getTime() };
}
