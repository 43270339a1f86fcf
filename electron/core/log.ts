import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

export type { Logger };

/**
 * Keys that may carry a person's data. Their values never reach a log line:
 * identifiers keep their last four digits (ARCHITECTURE: "an ID number appears
 * as its last 4 digits"), secrets and biometrics are replaced outright.
 */
const maskedKeys = ['idNumber', 'nationalId', 'iqama', 'mobile', 'pan', 'username'];
const removedKeys = [
  'password',
  'newPassword',
  'currentPassword',
  'otp',
  'pin',
  'pinBlock',
  'template',
  'image',
  'name',
  'fullName',
  'email',
  'token',
  'sessionToken',
  'verificationToken',
  'enrolmentCode',
  'launchToken',
  'secret',
  'authorization',
  'keyPem',
  'privateKey',
  'answer',
  'securityAnswer',
  'track1',
  'track2',
  'track3',
  'address',
];
/**
 * `code` is a secret only where a person typed it (an SMS code in a request or
 * journey input); everywhere else — `code`, `err.code`, `error.code`, problem
 * codes — it is an error code and stays readable. So it is removed by path.
 */
const inputContainers = ['input', 'args', 'body', 'request', 'payload', 'params', 'entry', 'sms', 'challenge'];

export function lastFour(value: unknown): string {
  const text = String(value ?? '');
  return text.length <= 4 ? '****' : `…${text.slice(-4)}`;
}

/** Ten-digit national ID / iqama numbers and long digit runs (PANs, mobiles) inside free text. */
const digitRun = /(?<![0-9])(?:\+?966|0)?[0-9]{9,19}(?![0-9])/g;

export function scrubText(text: string): string {
  return text.replace(digitRun, (run) => lastFour(run));
}

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of [...maskedKeys, ...removedKeys]) paths.push(key, `*.${key}`, `*.*.${key}`);
  for (const container of inputContainers) paths.push(`${container}.code`, `*.${container}.code`);
  return paths;
}

interface LogOptions {
  level: string;
  /** Defaults to stderr, so stdout stays free for machine-readable lines. */
  destination?: DestinationStream;
  name?: string;
}

export function createLogger(options: LogOptions): Logger {
  return pino(
    {
      // Not pino's `name`: a top-level `name` key is redacted as a person's name.
      base: { service: options.name ?? 'kiosk-core', pid: process.pid },
      level: options.level,
      redact: {
        paths: redactPaths(),
        censor: (value, path) => {
          const key = path[path.length - 1] ?? '';
          return maskedKeys.includes(key) ? lastFour(value) : '[removed]';
        },
      },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Free text is the place PII slips in by accident: scrub digit runs in every message.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (error: unknown) => {
          const e = error instanceof Error ? error : new Error(String(error));
          const code = (error as { code?: unknown } | null)?.code;
          return { type: e.name, message: scrubText(e.message), code: typeof code === 'string' ? code : undefined, stack: e.stack ? scrubText(e.stack) : undefined };
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
