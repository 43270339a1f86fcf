import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Path of one end (a symlink to /dev/pts/N). */
  readonly a: string;
  /** Path of the other end. */
  readonly b: string;
  /** Holds both links; pass it to the next pair to reuse the paths. */
  readonly directory: string;
  close(): Promise<void>;
}

interface PtyPairOptions {
  /**
   * Where the links `a` and `b` go. Reusing the directory of a closed pair
   * brings the "same device path" back, as a replugged USB adapter does.
   */
  directory?: string;
}

const LINK_WAIT_MS = 5000;
const LINK_POLL_MS = 5;

/**
 * A linked pseudo-terminal pair made by socat, so serial drivers can be tested
 * against their simulators through the real kernel tty layer. Ptys move data
 * at memory speed and have no modem lines (see DEVICES.md §8).
 */
export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const ownsDirectory = options.directory === undefined;
  const dir = options.directory ?? (await mkdtemp(join(tmpdir(), 'kiosk-pty-')));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  // Stale links from an earlier pair would look like success before socat starts.
  await Promise.all([rm(a, { force: true }), rm(b, { force: true })]);
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr.setEncoding('utf8');
  socat.stderr.on('data', (text: string) => {
    // Only the start matters for diagnosis; -d -d keeps talking for ever.
    if (stderr.length < 4000) stderr += text;
  });

  const exited = new Promise<void>((resolve) => {
    if (socat.exitCode !== null || socat.signalCode !== null) resolve();
    else {
      // A spawn that failed (ENOENT) may report only 'error' and 'close'.
      socat.once('exit', () => resolve());
      socat.once('close', () => resolve());
      socat.once('error', () => resolve());
    }
  });

  const startError = await new Promise<Error | undefined>((resolve) => {
    const started = Date.now();
    let settled = false;
    const settle = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      resolve(error);
    };
    socat.once('error', (error: NodeJS.ErrnoException) => {
      settle(
        error.code === 'ENOENT'
          ? new Error('socat is not installed; install it with: apt-get install -y socat')
          : new Error(`could not start socat: ${error.message}`),
      );
    });
    socat.once('exit', (code, signal) => {
      settle(new Error(`socat exited early (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${stderr.trim()}`));
    });
    const poll = setInterval(() => {
      if (existsSync(a) && existsSync(b)) settle(undefined);
      else if (Date.now() - started > LINK_WAIT_MS) {
        settle(new Error(`socat did not create the pty links within ${LINK_WAIT_MS} ms: ${stderr.trim()}`));
      }
    }, LINK_POLL_MS);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (socat.exitCode === null && socat.signalCode === null) socat.kill('SIGTERM');
      await exited;
      if (ownsDirectory) await rm(dir, { recursive: true, force: true });
      else await Promise.all([rm(a, { force: true }), rm(b, { force: true })]);
    })();
    return closing;
  };

  if (startError) {
    await close();
    throw startError;
  }
  return { a, b, directory: dir, close };
}
