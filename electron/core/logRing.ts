import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';

interface LogRingOptions {
  dir: string;
  /** The live file is rotated when a line would take it past this. */
  fileBytes?: number;
  /** Files kept, the live one included: the ring never holds more than `files × fileBytes` bytes. */
  files?: number;
}

const DEFAULT_RING_FILE_BYTES = 1024 * 1024;
const DEFAULT_RING_FILES = 4;

/**
 * The core's log on disk, bounded: `kiosk.log` takes the lines; when it is
 * full it becomes `kiosk.log.1` (the older ones move up, the oldest is
 * dropped). It gets exactly what the logger writes, so it is as PII-free as
 * the logger (log.ts redacts and scrubs before a line exists). Writes are
 * synchronous, like pino's own stderr destination, so a crash loses nothing
 * written before it.
 */
export class LogRing implements DestinationStream {
  readonly dir: string;
  private readonly fileBytes: number;
  private readonly files: number;
  private fd: number | null = null;
  /** Closed at shutdown: a late log line is no longer kept (the folder may already be gone). */
  private closed = false;
  private size = 0;

  constructor(options: LogRingOptions) {
    this.dir = options.dir;
    this.fileBytes = Math.max(1024, options.fileBytes ?? DEFAULT_RING_FILE_BYTES);
    this.files = Math.max(1, options.files ?? DEFAULT_RING_FILES);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private path(index: number): string {
    return join(this.dir, index === 0 ? 'kiosk.log' : `kiosk.log.${index}`);
  }

  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(this.path(0), 'a', 0o600);
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  write(chunk: string): void {
    if (this.closed) return;
    const bytes = Buffer.from(chunk, 'utf8');
    // A single line longer than a file is cut: the ring's bound holds whatever is logged.
    const line = bytes.length > this.fileBytes ? Buffer.concat([bytes.subarray(0, this.fileBytes - 1), Buffer.from('\n')]) : bytes;
    let fd = this.open();
    if (this.size > 0 && this.size + line.length > this.fileBytes) {
      this.rotate();
      fd = this.open();
    }
    writeSync(fd, line);
    this.size += line.length;
  }

  private rotate(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.path(this.files - 1), { force: true });
    for (let i = this.files - 2; i >= 0; i--) {
      if (existsSync(this.path(i))) renameSync(this.path(i), this.path(i + 1));
    }
  }

  /** Every line kept, oldest first; with `sinceMs`, only lines logged at or after it (pino's `time`). */
  read(sinceMs: number | null = null): string {
    const lines: string[] = [];
    for (let i = this.files - 1; i >= 0; i--) {
      if (!existsSync(this.path(i))) continue;
      for (const line of readFileSync(this.path(i), 'utf8').split('\n')) {
        if (!line) continue;
        if (sinceMs !== null && lineTime(line) < sinceMs) continue;
        lines.push(line);
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  /** Bytes on disk now (all files). */
  bytes(): number {
    let total = 0;
    for (let i = 0; i < this.files; i++) if (existsSync(this.path(i))) total += readFileSync(this.path(i)).length;
    return total;
  }

  close(): void {
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function lineTime(line: string): number {
  try {
    const parsed = JSON.parse(line) as { time?: unknown };
    return typeof parsed.time === 'number' ? parsed.time : 0;
  } catch {
    return 0;
  }
}

/** One logger, several destinations: every line goes to each (stderr and the ring). */
export function teeDestination(...streams: DestinationStream[]): DestinationStream & { flush(callback?: (error?: Error) => void): void } {
  return {
    write(chunk: string) {
      for (const s of streams) s.write(chunk);
    },
    flush(callback) {
      try {
        for (const s of streams) (s as { flushSync?: () => void }).flushSync?.();
      } catch {
        // A destination not ready to flush (an asynchronous one still opening) flushes by itself.
      }
      callback?.();
    },
  };
}
