import type { CertificateAuthority } from './authority';
import { type CryptoKey, ECDSA_SHA256, randomSerial, x509 } from './x509';

interface IssuedCertificate {
  readonly serial: string;
  readonly certificatePem: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

type CertificateRole =
  | { readonly role: 'kiosk'; readonly kioskId: string }
  | { readonly role: 'server'; readonly ipAddresses: readonly string[]; readonly dnsNames: readonly string[] };

/** Signs a leaf certificate for `publicKey`. Kiosk certificates carry the kiosk id as subject CN. */
export async function issueCertificate(
  ca: CertificateAuthority,
  publicKey: x509.PublicKey | CryptoKey,
  subject: CertificateRole,
  validity: { notBefore: Date; notAfter: Date },
): Promise<IssuedCertificate> {
  const serial = randomSerial();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([subject.role === 'kiosk' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
  ];
  if (subject.role === 'server') {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...subject.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
        ...subject.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ]),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: subject.role === 'kiosk' ? `CN=${subject.kioskId}, O=Kiosk Central kiosks` : 'CN=Kiosk Central server, O=Kiosk Central',
    issuer: ca.certificate.subject,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    signingAlgorithm: ECDSA_SHA256,
    publicKey,
    signingKey: ca.privateKey,
    extensions,
  });
  return { serial, certificatePem: certificate.toString('pem'), notBefore: validity.notBefore, notAfter: validity.notAfter };
}
