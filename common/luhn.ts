/** Luhn (mod 10) as ISO/IEC 7812 defines it for card numbers; Saudi ID numbers use the same check. */

function isDigits(value: string): boolean {
  return /^[0-9]+$/.test(value);
}

function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum;
}

/** True when the last digit is the Luhn check digit of the rest. Non-digit or empty input is never valid. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2 || !isDigits(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The digit that makes `payload + digit` Luhn-valid; undefined for non-digit or empty input. */
export function luhnCheckDigit(payload: string): string | undefined {
  if (payload.length === 0 || !isDigits(payload)) return undefined;
  // The check digit will sit in the rightmost, undoubled place, so doubling starts at the payload's last digit.
  return String((10 - (luhnSum(payload, true) % 10)) % 10);
}
