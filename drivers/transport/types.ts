/**
 * A byte pipe to a device. Serial ports, pty pairs and in-memory pairs all
 * look like this, so codecs and drivers never know which one they are on.
 */
export interface ByteTransport {
  readonly isOpen: boolean;
  /** Resolves once the bytes are handed to the OS (drained for serial). */
  write(data: Uint8Array): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Called once when the transport closes; `error` is set when it was lost (unplugged). */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/** A HID device: whole input reports in, output reports out. */
export interface HidTransport {
  readonly isOpen: boolean;
  onReport(listener: (report: Uint8Array) => void): () => void;
  onClose(listener: (error?: Error) => void): () => void;
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  rtscts?: boolean;
  /** Pseudo-terminals have no modem lines; DTR/RTS ioctls fail on them. */
  noModemLines?: boolean;
}
