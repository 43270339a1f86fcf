import { webcrypto } from 'node:crypto';
import { x509 } from '../x509';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;
type Keys = Awaited<ReturnType<typeof generate>>;

function generate() {
  return webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
}

async function keyPem(keys: Keys): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${der.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`.replace('\n\n', '\n');
}

type WithKey = Extract<x509.X509CertificateCreateParams, { signingKey: unknown }>;
type AsParams = WithKey['publicKey'];

/** A throwaway CA for specs that need TLS without the reference central: a test double's server and client certificates. */
export async function createTestCa(name = 'Test CA') {
  const caKeys = await generate();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys: caKeys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    signingAlgorithm: signing,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  let serial = 2;
  async function issue(subject: string, options: { server?: boolean; notBefore?: Date; notAfter?: Date; publicKey?: AsParams } = {}) {
    const keys = options.publicKey ? null : await generate();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: (serial++).toString(16).padStart(2, '0'),
      subject: `CN=${subject}`,
      issuer: ca.subject,
      notBefore: options.notBefore ?? new Date(Date.now() - 60_000),
      notAfter: options.notAfter ?? new Date(Date.now() + 3_600_000),
      signingKey: caKeys.privateKey as unknown as WithKey['signingKey'],
      publicKey: options.publicKey ?? (keys!.publicKey as unknown as AsParams),
      signingAlgorithm: signing,
      extensions: options.server ? [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])] : [],
    });
    return { certificatePem: cert.toString('pem'), keyPem: keys ? await keyPem(keys) : null, cert };
  }
  return {
    caPem: ca.toString('pem'),
    issue,
    /** Signs a kiosk CSR the way central would. */
    async issueFromCsr(csrPem: string, subject: string, lifetimeMs = 3_600_000, notBefore = Date.now() - 60_000) {
      const csr = new x509.Pkcs10CertificateRequest(csrPem);
      return issue(subject, { publicKey: csr.publicKey as unknown as AsParams, notBefore: new Date(notBefore), notAfter: new Date(notBefore + lifetimeMs) });
    },
  };
}
