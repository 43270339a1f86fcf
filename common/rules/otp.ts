import { normaliseDigits } from './digits';

/** An entered code, normalised, if it has the configured number of digits. */
export function normaliseOtp(input: string, length: 4 | 6): string | undefined {
  const code = normaliseDigits(input.trim());
  return new RegExp(`^[0-9]{${length}}$`).test(code) ? code : undefined;
}
