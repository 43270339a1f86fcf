import { err, ok } from '../../../common/result';
import type { Result } from '../../../common/result';
import { appendAudit } from '../store/auditLog';
import { writeIdentity } from '../store/identity';
import type { KioskIdentity } from '../store/identity';
import type { Store } from '../store/store';
import type { CentralError } from './centralError';
import type { IssuedCertificate } from './centralClient';
import { identityFrom, renewalDue } from './enrolment';
import { newKeyAndRequest } from './kioskKey';
import type { TlsMaterial } from './tlsAgent';

export interface RenewingClient {
  renew(csrPem: string): Promise<Result<IssuedCertificate, CentralError>>;
  useTls(tls: TlsMaterial): void;
}

export type CertificateState = 'valid' | 'renewalDue' | 'expired';

export function tlsFor(identity: KioskIdentity): TlsMaterial {
  return { caPem: identity.caPem ? [identity.caPem] : [], clientCertificatePem: identity.certificatePem, clientKeyPem: identity.privateKeyPem };
}

/**
 * Keeps the kiosk's short-lived certificate fresh: at `renewAtFraction` of its
 * lifetime it makes a new key, asks central (over mTLS with the current
 * certificate) for a new certificate, stores both, and switches the client.
 * An expired certificate cannot renew itself: the kiosk needs a new enrolment code.
 */
export class IdentityKeeper {
  constructor(
    private current: KioskIdentity,
    private readonly options: { store: Store; masterKey: Buffer; client: RenewingClient; now: () => number; renewAtFraction?: number },
  ) {}

  get identity(): Pick<KioskIdentity, 'kioskId' | 'notBefore' | 'notAfter'> {
    return { kioskId: this.current.kioskId, notBefore: this.current.notBefore, notAfter: this.current.notAfter };
  }

  state(): CertificateState {
    const now = this.options.now();
    if (now >= this.current.notAfter) return 'expired';
    return now >= renewalDue(this.current, this.options.renewAtFraction) ? 'renewalDue' : 'valid';
  }

  async renewIfDue(): Promise<Result<'notDue' | 'renewed', CentralError | { type: 'expired' }>> {
    const state = this.state();
    if (state === 'valid') return ok('notDue');
    if (state === 'expired') return err({ type: 'expired' });
    const { privateKeyPem, csrPem } = await newKeyAndRequest(this.current.kioskId);
    const issued = await this.options.client.renew(csrPem);
    if (!issued.ok) return issued;
    const { store, masterKey, now } = this.options;
    const renewed = identityFrom(issued.value, privateKeyPem, this.current.caPem, now());
    await store.write(function* (tx) {
      yield* writeIdentity(tx, masterKey, renewed);
      yield* appendAudit(tx, { actor: 'kiosk', action: 'certificate.renewed', detail: { kioskId: renewed.kioskId, notAfter: renewed.notAfter } }, now());
    });
    this.current = renewed;
    this.options.client.useTls(tlsFor(renewed));
    return ok('renewed');
  }
}
