import { type EcKeyAlgorithm, x509 } from './x509';

type CsrProblem = 'unreadable' | 'badSignature' | 'notP256';

/**
 * A PKCS#10 request the kiosk made for its own key. We use only its public key
 * (after checking the request is signed by that key: proof of possession);
 * the subject is ours to choose.
 */
export async function readCertificateRequest(pem: string): Promise<{ ok: true; publicKey: x509.PublicKey } | { ok: false; problem: CsrProblem }> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(pem.trim());
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const algorithm = request.publicKey.algorithm as EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') return { ok: false, problem: 'notP256' };
  try {
    if (!(await request.verify())) return { ok: false, problem: 'badSignature' };
  } catch {
    return { ok: false, problem: 'badSignature' };
  }
  return { ok: true, publicKey: request.publicKey };
}
