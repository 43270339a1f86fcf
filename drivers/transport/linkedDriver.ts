/** What a driver's link to its line (its frame or packet exchange) says and does for the driver as a whole. */
interface DriverLink {
  readonly isConnected: boolean;
  dispose(): void;
}

/**
 * What every device driver says of its line, once: connected while its link
 * is (false once the port is gone: every call then answers its device's
 * "disconnected"), and `dispose` detaches from the transport without closing
 * it (the caller owns the transport and closes it).
 */
export abstract class LinkedDriver {
  readonly #link: DriverLink;

  protected constructor(link: DriverLink) {
    this.#link = link;
  }

  get isConnected(): boolean {
    return this.#link.isConnected;
  }

  dispose(): void {
    this.#link.dispose();
  }
}
