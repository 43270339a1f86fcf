import type { WebContents } from 'electron';
import type { Log } from './log';
import { isKioskUrl } from './origin';

/** Only the scheme is logged: a foreign URL may carry a person's data in its query. */
function schemeOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? 'unparsable';
}

/**
 * The page may move between its own screens and nowhere else: no other origin,
 * no new window, no webview. The renderer's CSP forbids frames too, so this is
 * the second lock.
 */
export function guardNavigation(contents: WebContents, log: Log): void {
  const refuseForeign = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isKioskUrl(event.url)) return;
    event.preventDefault();
    log.warn({ kind, scheme: schemeOf(event.url) }, 'navigation refused');
  };
  contents.on('will-navigate', refuseForeign('will-navigate'));
  contents.on('will-frame-navigate', refuseForeign('will-frame-navigate'));
  contents.on('will-redirect', refuseForeign('will-redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ scheme: schemeOf(url) }, 'window.open refused');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'webview refused');
  });
}
