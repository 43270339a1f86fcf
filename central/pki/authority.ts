import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CryptoKey, ECDSA_SHA256, generateKeyPair, privateKeyFromPem, privateKeyToPem, randomSerial, x509 } from './x509';

/** The central CA: signs the server's TLS certificate and every kiosk's client certificate. */
export interface CertificateAuthority {
  readonly certificate: x509.X509Certificate;
  readonly certificatePem: string;
  readonly certificatePath: string;
  readonly privateKey: CryptoKey;
}

const CA_CERT_FILE = 'ca-cert.pem';
const CA_KEY_FILE = 'ca-key.pem';
const CA_YEARS = 10;

/** Loads the CA from the data dir, or creates it there on first start (key file readable by the owner only). */
export async function openCertificateAuthority(dataDir: string, name = 'Kiosk Central CA'): Promise<CertificateAuthority> {
  await mkdir(dataDir, { recursive: true });
  const certificatePath = join(dataDir, CA_CERT_FILE);
  const keyPath = join(dataDir, CA_KEY_FILE);
  try {
    const [certificatePem, keyPem] = await Promise.all([readFile(certificatePath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certificate: new x509.X509Certificate(certificatePem), certificatePem, certificatePath, privateKey: await privateKeyFromPem(keyPem) };
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  const keys = await generateKeyPair();
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + CA_YEARS * 365 * 86_400_000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${name}, O=Kiosk Central`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: ECDSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certificatePem = certificate.toString('pem');
  // Key first: a crash between the two writes must not leave a certificate without its key.
  await writeFile(keyPath, await privateKeyToPem(keys.privateKey), { mode: 0o600 });
  await writeFile(certificatePath, certificatePem);
  return { certificate, certificatePem, certificatePath, privateKey: keys.privateKey };
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
