import type { Readable, Writable } from 'node:stream';

/** A technician PIN as central and the overlay take it. */
const PIN_SHAPE = /^[0-9]{4,8}$/;

type PinRead = { ok: true; pin: string } | { ok: false; why: string };

/**
 * The technician's PIN for the store commands, from stdin, never from the
 * command line (argv is visible to every user in `ps` and kept in shell
 * history). At a terminal it is asked for on stderr and typed without echo;
 * otherwise the first line of stdin is the PIN (`… < pinfile`, a pipe from a
 * password manager). Nothing else reads or keeps it.
 */
export async function readPin(input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }, prompt: Writable): Promise<PinRead> {
  const line = input.isTTY && input.setRawMode ? await typedWithoutEcho(input as Readable & { setRawMode: (raw: boolean) => unknown }, prompt) : await firstLine(input);
  if (line === null) return { ok: false, why: 'no PIN on stdin (type it when asked, or give it on the first line of stdin; never on the command line)' };
  return PIN_SHAPE.test(line) ? { ok: true, pin: line } : { ok: false, why: 'the PIN must be 4 to 8 digits' };
}

function firstLine(input: Readable): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    const done = (value: string | null): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onEnd);
      input.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const end = text.search(/\r?\n/);
      if (end >= 0) done(text.slice(0, end));
      else if (text.length > 64) done(text.slice(0, 64));
    };
    const onEnd = (): void => done(text === '' ? null : text);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onEnd);
    input.resume();
  });
}

function typedWithoutEcho(input: Readable & { setRawMode: (raw: boolean) => unknown }, prompt: Writable): Promise<string | null> {
  prompt.write('Technician PIN: ');
  input.setRawMode(true);
  return new Promise((resolve) => {
    let typed = '';
    const done = (value: string | null): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      prompt.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done(typed);
        // Ctrl+C or Ctrl+D: nothing typed is sent.
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (typed.length < 64) typed += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
