import { createNanoEvents } from 'nanoevents';
import type { Logger } from 'pino';
import { classifyCard, type ClassifyConfig } from '../../../../drivers/cardData/classify';
import type { BackoffPolicy } from '../../../../common/backoff';
import { err, ok, type Result } from '../../../../common/result';
import type { Clock } from '../../../../common/time';
import { MagstripeReader } from '../../../../drivers/magstripe/driver';
import type { MagstripeSwipe, MagstripeTrack } from '../../../../drivers/magstripe/report';
import type { HidTransport } from '../../../../drivers/transport/types';
import { type CardHolderIdentity, holderIdentityOf } from '../cardIdentity';
import { DeviceConnection, type OpenFailure } from '../connection';
import { LinkedDevice } from '../linkedDevice';

/**
 * The MagTek HID swipe reader as flows see it: a status and swipes turned
 * into holder identities (PAN masked). It has no handshake; being openable is
 * being online.
 */

interface MagstripeDeviceConfig {
  readonly vendorId: number;
  readonly productId: number;
  readonly classify?: ClassifyConfig;
}

export type OpenHid = (selector: { vendorId: number; productId: number }) => Promise<HidTransport>;

interface MagstripeDeviceOptions {
  readonly config: MagstripeDeviceConfig | null;
  readonly log: Logger;
  readonly clock: Clock;
  readonly reconnect?: BackoffPolicy;
  /** node-hid by default; the lab's in-memory reader in demo mode and tests. */
  readonly openHid?: OpenHid;
  readonly today?: () => string;
}

export type SwipeError = { readonly type: 'unreadable' };
type SwipeListener = (swipe: Result<CardHolderIdentity, SwipeError>) => void;

async function openNodeHid(selector: { vendorId: number; productId: number }): Promise<HidTransport> {
  // Loaded on first use: node-hid is a native addon a kiosk without a swipe reader never needs.
  const { openHidTransport } = await import('../../../../drivers/magstripe/hidTransport');
  return openHidTransport(selector);
}

const trackText = (track: MagstripeTrack): string | undefined => (track.kind === 'data' ? track.text : undefined);

export class MagstripeDevice extends LinkedDevice<HidTransport, MagstripeReader, MagstripeDeviceOptions> {
  readonly #events = createNanoEvents<{ swipe: SwipeListener }>();

  constructor(options: MagstripeDeviceOptions) {
    super('magstripe', options);
    const config = options.config;
    if (!config) return;
    const open = options.openHid ?? openNodeHid;
    this.connection = new DeviceConnection<HidTransport, MagstripeReader>(
      {
        open: async (): Promise<Result<HidTransport, OpenFailure>> => {
          try {
            return ok(await open({ vendorId: config.vendorId, productId: config.productId }));
          } catch {
            // hidapi cannot tell "not there" from "not allowed"; either way the reader is not usable.
            return err('portMissing');
          }
        },
        handshake: async (transport) => {
          const reader = new MagstripeReader(transport);
          reader.onSwipe((swipe) => this.#swiped(swipe.ok ? swipe.value : undefined));
          return ok(reader);
        },
        release: (reader) => void reader.close().catch(() => undefined),
      },
      {
        clock: options.clock,
        log: this.log,
        ...(options.reconnect ? { reconnect: options.reconnect } : {}),
        onChange: (change) => this.reporter.set(change.kind === 'connected' ? 'online' : 'offline', change.kind === 'connected' ? 'connected' : change.reason),
      },
    );
  }

  onSwipe(listener: SwipeListener): () => void {
    return this.#events.on('swipe', listener);
  }

  #swiped(swipe: MagstripeSwipe | undefined): void {
    let outcome: Result<CardHolderIdentity, SwipeError> = err({ type: 'unreadable' });
    if (swipe) {
      const [track1, track2] = swipe.tracks;
      const card = classifyCard({ track1: trackText(track1), track2: trackText(track2) }, this.config?.classify);
      const today = (this.options.today ?? (() => new Date().toISOString().slice(0, 10)))();
      const identity = holderIdentityOf(card, today);
      outcome = identity.kind === 'unreadable' ? err({ type: 'unreadable' }) : ok(identity);
    }
    this.#events.emit('swipe', outcome);
  }
}
