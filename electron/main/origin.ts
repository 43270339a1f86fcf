/** The renderer's only origin. `app:` is registered as a standard scheme, so URLs parse like http. */
export const kioskScheme = 'app';
export const kioskHost = 'kiosk';
export const kioskOrigin = `${kioskScheme}://${kioskHost}`;
export const kioskStartUrl = `${kioskOrigin}/index.html`;

/**
 * Whether a URL belongs to the kiosk's origin. WHATWG URL reports `origin` as
 * "null" for schemes it does not know, so scheme and host are compared instead;
 * a port or credentials make it another origin.
 */
export function isKioskUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${kioskScheme}:` &&
    parsed.hostname === kioskHost &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
