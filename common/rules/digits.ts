/**
 * Kiosk keyboards and pasted text may carry Eastern Arabic (٠–٩, U+0660…) or
 * Persian (۰–۹, U+06F0…) digits; every rule works on ASCII digits.
 */
export function normaliseDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Spaces (including no-break and Arabic-context spaces), dashes and dots people type between digit groups. */
export function stripSeparators(text: string): string {
  return text.replace(/[\s\u00a0\u200f\u200e\-.()]/g, '');
}
