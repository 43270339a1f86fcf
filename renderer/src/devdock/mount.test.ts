// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountKiosk, settle } from '../../test/mountKiosk';

type Kiosk = Awaited<ReturnType<typeof mountKiosk>>;
let kiosk: Kiosk | null = null;
afterEach(() => {
  kiosk?.unmount();
  kiosk = null;
});

/** The one mount point in KioskApp: the dock is there only while the core runs the demo profile. */
describe('the dev dock in the kiosk', () => {
  it('is mounted, collapsed, under the demo profile', async () => {
    kiosk = await mountKiosk();
    await dockLoaded();
    expect(document.querySelector('[data-testid="dev-dock-open"]')).not.toBeNull();
    expect(document.querySelector('[data-dev-dock] input')).toBeNull();
  });

  it('is absent under the production profile, and leaves when a snapshot says production', async () => {
    kiosk = await mountKiosk();
    await dockLoaded();
    kiosk.core.profile = 'production';
    kiosk.core.push();
    await settle();
    expect(document.querySelector('[data-dev-dock]')).toBeNull();
    expect(document.documentElement.classList.contains('dev-dock-present')).toBe(false);
  });
});

/** The panel is an async component: its chunk loads after the first render (on a loaded machine, well after the default second). */
function dockLoaded(): Promise<void> {
  return vi.waitFor(() => expect(document.querySelector('[data-dev-dock]')).not.toBeNull(), { timeout: 15_000 });
}
