// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MaintenanceView } from '../contract';
import { settle } from '../../test/mountKiosk';
import { mountOverlay as mount, pinView } from './testing/mountOverlay';

/** The overlay against a fake core: what a technician reads when the core refuses, and the counted strings in both languages. */

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mountOverlay(view: MaintenanceView, options: { lazyMessages?: boolean } = {}) {
  const mounted = mount(view, options);
  cleanup = mounted.unmount;
  return mounted;
}

describe('maintenance overlay', () => {
  it('loads its messages with the first technician and shows nothing until they are in: never a raw key', async () => {
    const { wrapper } = mountOverlay(pinView('en', 2), { lazyMessages: true });
    const overlay = () => wrapper.find('[data-testid="maintenance-overlay"]');
    expect(overlay().exists()).toBe(false);
    await vi.waitFor(() => expect(overlay().exists()).toBe(true), { timeout: 10_000, interval: 5 });
    const text = overlay().text();
    expect(text).toContain('2 tries left');
    expect(text).not.toMatch(/\b(maintSession|maintDiag|maintenancePolish|maintrest|atmmaint)\./);
    expect(overlay().attributes('aria-label')).not.toMatch(/^maintSession\./);
  });

  it('a refused action says why in the technician’s language, not the core’s words, and can be dismissed', async () => {
    const now = Date.now();
    const on: MaintenanceView = { ...pinView('en', 5), phase: 'on', pinError: null, attemptsLeft: null, signedIn: { technicianId: '1001', name: 'Technician One', checkedBy: 'central', since: now, idleEndsAt: now + 15 * 60_000, capEndsAt: now + 8 * 3_600_000 } };
    const { wrapper } = mountOverlay(on);
    await settle();
    await wrapper.find('[data-testid="maintenance-nav-actions"]').trigger('click');
    await wrapper.find('[data-testid="maintenance-action-reloadUi"]').trigger('click');
    await settle();
    const refused = wrapper.find('[data-testid="maintenance-refused"]');
    expect(refused.attributes('role')).toBe('alert');
    expect(refused.attributes('data-code')).toBe('not_allowed');
    expect(refused.text()).toContain('The kiosk did not allow this now');
    expect(refused.text()).not.toContain('still running');
    await wrapper.find('[data-testid="maintenance-refused-close"]').trigger('click');
    expect(wrapper.find('[data-testid="maintenance-refused"]').exists()).toBe(false);
  });

  it('in Arabic too', async () => {
    const now = Date.now();
    const on: MaintenanceView = { ...pinView('ar', 5), phase: 'on', pinError: null, attemptsLeft: null, signedIn: { technicianId: '1001', name: 'فني', checkedBy: 'central', since: now, idleEndsAt: now + 15 * 60_000, capEndsAt: now + 8 * 3_600_000 } };
    const { wrapper } = mountOverlay(on);
    await settle();
    await wrapper.find('[data-testid="maintenance-nav-actions"]').trigger('click');
    await wrapper.find('[data-testid="maintenance-action-reloadUi"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="maintenance-refused"]').text()).toContain('لم يسمح الجهاز بهذا الآن');
  });

  // CLDR: 0 zero, 1 one, 2 two, 3–10 few, 11–99 many, 100 other.
  const arabic: [number, string][] = [
    [0, 'لم تتبقَّ أي محاولة'],
    [1, 'تبقّت محاولة واحدة'],
    [2, 'تبقّت محاولتان'],
    [3, 'تبقّت 3 محاولات'],
    [11, 'تبقّت 11 محاولة'],
    [100, 'تبقّت 100 محاولة'],
  ];
  for (const [count, text] of arabic) {
    it(`"tries left" in Arabic for ${count}: ${text}`, async () => {
      const { wrapper } = mountOverlay(pinView('ar', count));
      await settle();
      expect(wrapper.find('[data-testid="maintenance-pin-error"]').text()).toContain(text);
    });
  }

  const english: [number, string][] = [
    [0, 'No tries left'],
    [1, '1 try left'],
    [2, '2 tries left'],
    [11, '11 tries left'],
  ];
  for (const [count, text] of english) {
    it(`"tries left" in English for ${count}: ${text}`, async () => {
      const { wrapper } = mountOverlay(pinView('en', count));
      await settle();
      expect(wrapper.find('[data-testid="maintenance-pin-error"]').text()).toContain(text);
    });
  }

  it('the minutes left are counted in Arabic (two: دقيقتين; eleven: 11 دقيقة)', async () => {
    const now = Date.now();
    const at = (minutes: number): MaintenanceView => ({ ...pinView('ar', 5), phase: 'on', pinError: null, attemptsLeft: null, signedIn: { technicianId: '1001', name: 'فني', checkedBy: 'central', since: now, idleEndsAt: now + minutes * 60_000, capEndsAt: now + 8 * 3_600_000 } });
    const two = mountOverlay(at(2));
    await settle();
    expect(two.wrapper.find('[data-testid="maintenance-time-left"]').text()).toContain('بعد دقيقتين');
    cleanup?.();
    const eleven = mountOverlay(at(11));
    await settle();
    expect(eleven.wrapper.find('[data-testid="maintenance-time-left"]').text()).toContain('بعد 11 دقيقة');
  });
});
