import { sign } from 'node:crypto';
import { captureSigningText } from '../../../common/wire/captureSigning';
import type { CaptureSigner } from '../devices';
import { readIdentity } from '../store/identity';
import type { KioskData } from '../sync';

/**
 * Signs a capture the way central checks it (common/wire/captureSigning.ts):
 * ECDSA P-256 / SHA-256 by the kiosk's certificate key, IEEE P1363 (r‖s),
 * base64, over the fields exactly as sent. The key is asked for at every
 * capture, so a renewed certificate's key is used from the moment it is stored.
 */
function captureSignerWith(privateKeyPem: () => Promise<string>): CaptureSigner {
  return async (capture, context) => {
    const text = captureSigningText({
      idNumber: context.idNumber,
      sessionId: context.sessionId,
      format: capture.format,
      quality: capture.quality,
      deviceId: capture.deviceId,
      finger: context.finger,
      template: capture.template,
    });
    const signature = sign('sha256', Buffer.from(text, 'utf8'), { key: await privateKeyPem(), dsaEncoding: 'ieee-p1363' }).toString('base64');
    return { ...capture, signature };
  };
}

/** The production signer: the key sync keeps (wrapped under the master key) in the kiosk store. */
export function storeCaptureSigner(data: Pick<KioskData, 'store' | 'masterKey'>): CaptureSigner {
  return captureSignerWith(async () => {
    const identity = await data.store.read((tx) => readIdentity(tx, data.masterKey));
    if (!identity) throw new Error('the kiosk is not enrolled: no key to sign a capture with');
    return identity.privateKeyPem;
  });
}
