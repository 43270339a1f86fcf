import type { KioskBridge } from '../../electron/contract/bridge';

/**
 * The browser globals the specs touch inside page.evaluate. The project's
 * TypeScript has no DOM lib (and adding one here would leak into every file),
 * so the page is typed by hand: `globalThis as unknown as PageScope`.
 */
export interface PageScope {
  kiosk: KioskBridge;
  require?: unknown;
  process?: unknown;
  module?: unknown;
  location: { href: string };
  open(url: string): unknown;
  fetch: typeof fetch;
  addEventListener(type: 'keydown', listener: (event: { key: string }) => void, capture: boolean): void;
  document: {
    createElement(tag: 'script'): { textContent: string | null };
    head: { append(node: unknown): void };
  };
  navigator: { permissions: { query(descriptor: { name: string }): Promise<{ state: string }> } };
  __inlineRan?: boolean;
  __keys?: string[];
}
