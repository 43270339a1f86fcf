import type { ProblemAnswer } from './newerCentral';

/**
 * Every way a call to central can fail, as a value. `unreachable` and
 * `serverError` are transient (retry later, count against reachability);
 * `problem` is central's considered answer (branch on `code`);
 * `invalidResponse` means central said something this kiosk cannot parse.
 */
export type CentralError =
  | { type: 'unreachable'; cause: 'timeout' | 'network' | 'tls'; detail: string }
  | { type: 'serverError'; status: number; code: string | null }
  | { type: 'problem'; status: number; code: string; detail: string; problem: ProblemAnswer }
  | { type: 'invalidResponse'; status: number; detail: string };

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
]);

function causeChain(error: unknown): { name: string; code: string; message: string }[] {
  const chain: { name: string; code: string; message: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    chain.push({ name: current.name, code: String((current as { code?: unknown }).code ?? ''), message: current.message });
    current = current.cause;
  }
  return chain;
}

/** A thrown fetch (no HTTP answer at all) as a CentralError. */
export function fromThrown(error: unknown): CentralError {
  const chain = causeChain(error);
  if (chain.some((e) => e.name === 'TimeoutError' || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.code === 'UND_ERR_HEADERS_TIMEOUT')) {
    return { type: 'unreachable', cause: 'timeout', detail: 'no answer in time' };
  }
  const tls = chain.find((e) => tlsCodes.has(e.code) || e.code.startsWith('ERR_SSL_'));
  if (tls) return { type: 'unreachable', cause: 'tls', detail: tls.code };
  const last = chain[chain.length - 1];
  return { type: 'unreachable', cause: 'network', detail: last?.code || last?.message || 'fetch failed' };
}
