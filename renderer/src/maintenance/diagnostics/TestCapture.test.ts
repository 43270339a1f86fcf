// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createMaintenanceI18n } from '../testing/maintenanceI18n';
import { installKioskHost } from '../../host';
import { settle } from '../../../test/mountKiosk';
import DiagnosticsPanel from './DiagnosticsPanel.vue';
import { createDiagnosticsKiosk } from './testing/mountPanel';

/**
 * The test capture in the diagnostics panel: the reader's live guidance from
 * `snapshot.maintenance.testCapture` while it runs (the citizen's sentences),
 * then the image and quality, or why nothing was captured with "Try again".
 */

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mountPanel(language: 'ar' | 'en') {
  const kiosk = createDiagnosticsKiosk();
  installKioskHost(kiosk.host);
  const i18n = createMaintenanceI18n();
  i18n.global.locale.value = language;
  const wrapper = mount(DiagnosticsPanel, { global: { plugins: [i18n] }, attachTo: document.body });
  cleanup = () => {
    wrapper.unmount();
    kiosk.host.close();
  };
  return { ...kiosk, wrapper };
}

/** Holds the capture until released, so a spec sees it under way. */
function hold(diagnostics: ReturnType<typeof createDiagnosticsKiosk>['diagnostics']): () => void {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  diagnostics.beforeAction = async () => held;
  return () => release();
}

describe('TestCapture', () => {
  it('shows the reader’s guidance as the core publishes it, then the image and its quality', async () => {
    const { wrapper, diagnostics } = mountPanel('en');
    await settle();
    const release = hold(diagnostics);
    await wrapper.find('[data-action="fingerprint.testCapture"]').trigger('click');
    await settle();
    const capture = () => wrapper.find('[data-testid="test-capture"]');
    expect(capture().attributes('data-phase')).toBe('capturing');
    expect(wrapper.find('[data-testid="fingerprint-guidance"]').text()).toBe('Getting the fingerprint reader ready…');
    diagnostics.captureProgress({ guidance: 'placeFinger' });
    await settle();
    expect(wrapper.find('[data-testid="fingerprint-guidance"]').text()).toBe('Place your finger on the reader');
    diagnostics.captureProgress({ guidance: 'poorQuality' });
    await settle();
    expect(wrapper.find('[data-testid="fingerprint-guidance"]').text()).toBe('The print was not clear: press a little firmer');
    expect(wrapper.find('[data-testid="fingerprint-art"]').classes()).toContain('fingerprint-art--problem');
    // The test capture's "captured" checks nothing: its own sentence.
    diagnostics.captureProgress({ guidance: 'captured' });
    await settle();
    expect(wrapper.find('[data-testid="fingerprint-guidance"]').text()).toBe('Captured. Reading the image from the reader…');
    expect(wrapper.find('canvas').exists()).toBe(false);
    release();
    await settle();
    expect(capture().attributes('data-phase')).toBe('done');
    expect(wrapper.find('[data-testid="fingerprint-guidance"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="test-capture-quality"]').text()).toBe('Quality 84 of 100');
    expect(wrapper.find('canvas').attributes('aria-label')).toBe('Fingerprint test image, quality 84');
  });

  it('a failed capture says why in the technician’s language, and "Try again" runs it again', async () => {
    const { wrapper, diagnostics } = mountPanel('ar');
    await settle();
    diagnostics.captureEnds = 'timeout';
    await wrapper.find('[data-action="fingerprint.testCapture"]').trigger('click');
    await settle();
    const failed = wrapper.find('[data-testid="test-capture-failed"]');
    expect(failed.attributes('data-failure')).toBe('timeout');
    expect(failed.attributes('role')).toBe('alert');
    expect(failed.text()).toContain('لم يوضع إصبع على القارئ في الوقت المحدد.');
    expect(wrapper.find('canvas').exists()).toBe(false);

    diagnostics.captureEnds = 'unplugged';
    await wrapper.find('[data-testid="test-capture-retry"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="test-capture-failed"]').text()).toContain('القارئ غير متصل');

    diagnostics.captureEnds = 'image';
    await wrapper.find('[data-testid="test-capture-retry"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="test-capture"]').attributes('data-phase')).toBe('done');
    expect(diagnostics.calls.filter((c) => c.procedure === 'diagnosticAction').map((c) => c.input)).toEqual([
      { action: 'fingerprint.testCapture', language: 'ar' },
      { action: 'fingerprint.testCapture', language: 'ar' },
      { action: 'fingerprint.testCapture', language: 'ar' },
    ]);
  });

  it('a reason the screen has no sentence for is worded as a failed capture, never the core’s words', async () => {
    const { wrapper, diagnostics } = mountPanel('en');
    await settle();
    diagnostics.captureEnds = 'failed';
    await wrapper.find('[data-action="fingerprint.testCapture"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="test-capture-failed"]').text()).toContain('The test capture failed.');
    expect(wrapper.find('[data-testid="test-capture-failed"]').text()).not.toContain('failed: failed');
  });
});
