/**
 * A pattern that finds `secret` as a value of its own: not four digits that happen to stand inside a longer run of
 * letters and digits (a millisecond timestamp, a hash, a request id). A PIN leaked into a log line or a payload
 * stands on its own (`"pin":"1357"`, `PIN 1357`); `"time":1796498975594` holds "4989" by chance, one run in a few
 * hundred, and a spec that looked for the bare digits there failed once in CI's rehearsal.
 */
export function standalone(secret: string): RegExp {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`);
}
