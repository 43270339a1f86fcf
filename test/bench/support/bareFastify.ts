/**
 * The heartbeat's baseline: a bare Fastify route answering `{}` over the same mTLS as the reference central (its CA
 * from `dataDir`, a fresh server certificate issued as central issues its own, the same `https` options), in its own
 * process as central runs. Prints `{"url"}` as its first stdout line.
 *
 * `/spin/<µs>/v1/kiosks/heartbeat` answers the same after using `<µs>` of CPU time first: a server that does as much
 * work a request as central and nothing else (no database, no second thread), the baseline of central's p99.
 */
import Fastify from 'fastify';
import { z } from 'zod';
import { openCertificateAuthority } from '../../../central/pki/authority';
import { issueCertificate } from '../../../central/pki/issue';
import { generateKeyPair, privateKeyToPem } from '../../../central/pki/x509';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: bareFastify <central data dir>');
const ca = await openCertificateAuthority(dataDir);
const keys = await generateKeyPair();
const certificate = await issueCertificate(ca, keys.publicKey, { role: 'server', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'] }, { notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000) });
const app = Fastify({
  logger: false,
  https: { key: await privateKeyToPem(keys.privateKey), cert: certificate.certificatePem, ca: [ca.certificatePem], requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
  keepAliveTimeout: 65_000,
});
app.post('/v1/kiosks/heartbeat', async () => ({}));
const spinParams = z.object({ us: z.coerce.number().int().min(0).max(100_000) });
app.post('/spin/:us/v1/kiosks/heartbeat', async (request) => {
  const { us } = spinParams.parse(request.params);
  // CPU time, not wall time: preempted, the spin takes longer in wall time, as central's work would. Spun on the clock,
  // checked against the CPU used between stretches (one object a check, not one a microsecond: no garbage of its own).
  const start = process.cpuUsage();
  for (let left = us; left > 0; ) {
    const until = performance.now() + left / 1000;
    while (performance.now() < until);
    const used = process.cpuUsage(start);
    left = us - (used.user + used.system);
  }
  return {};
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `https://127.0.0.1:${port}` })}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
