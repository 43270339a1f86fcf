// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createMaintenanceI18n } from '../testing/maintenanceI18n';
import { installKioskHost } from '../../host';
import { settle } from '../../../test/mountKiosk';
import ReadinessPanel from '../readiness/ReadinessPanel.vue';
import DiagnosticsPanel from './DiagnosticsPanel.vue';
import { createDiagnosticsKiosk } from './testing/mountPanel';

/** The two maintenance panels against a fake core that validates every call: what a technician sees and what each button asks of the core. */

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mountPanel(panel: typeof DiagnosticsPanel | typeof ReadinessPanel, language: 'ar' | 'en') {
  const kiosk = createDiagnosticsKiosk();
  installKioskHost(kiosk.host);
  const i18n = createMaintenanceI18n();
  i18n.global.locale.value = language;
  const wrapper = mount(panel, { global: { plugins: [i18n] }, attachTo: document.body });
  cleanup = () => {
    wrapper.unmount();
    kiosk.host.close();
  };
  return { ...kiosk, wrapper };
}

describe('DiagnosticsPanel', () => {
  it('shows the fingerprint reader’s checks first, in the technician’s language, with its facts', async () => {
    const { wrapper } = mountPanel(DiagnosticsPanel, 'en');
    await settle();
    expect(wrapper.find('[data-check="fingerprint.module"]').text()).toContain('Reader module');
    expect(wrapper.find('[data-check="fingerprint.module"]').text()).toContain('zfm-0009-FFFFFFFF');
    const ar = mountPanel(DiagnosticsPanel, 'ar');
    await settle();
    expect(ar.wrapper.find('[data-check="fingerprint.module"]').text()).toContain('وحدة القارئ');
  });

  it('a test capture shows its image and quality; a card read shows the masked number only', async () => {
    const { wrapper, diagnostics } = mountPanel(DiagnosticsPanel, 'en');
    await settle();
    await wrapper.find('[data-action="fingerprint.testCapture"]').trigger('click');
    await settle();
    expect(wrapper.find('canvas').attributes('aria-label')).toBe('Fingerprint test image, quality 84');
    await wrapper.find('[data-target="cardSlot"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-check="cardSlot.retainBin"]').attributes('data-result')).toBe('warn');
    expect(wrapper.find('[data-check="cardSlot.retainBin"]').text()).toContain('nearly full');
    await wrapper.find('[data-action="cardSlot.readTest"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="action-result"]').text()).toContain('******0008');
    expect(diagnostics.calls.filter((c) => c.procedure === 'diagnosticAction').map((c) => c.input)).toEqual([
      { action: 'fingerprint.testCapture', language: 'en' },
      { action: 'cardSlot.readTest', language: 'en' },
    ]);
  });

  it('"bin emptied" asks first and resets only when confirmed', async () => {
    const { wrapper, diagnostics } = mountPanel(DiagnosticsPanel, 'en');
    await settle();
    await wrapper.find('[data-target="cardSlot"]').trigger('click');
    await settle();
    await wrapper.find('[data-action="cardSlot.binEmptied"]').trigger('click');
    await settle();
    expect(diagnostics.calls.some((c) => c.procedure === 'diagnosticAction')).toBe(false);
    expect(document.querySelector('[data-testid="diag-bin-dialog"]')?.textContent).toContain('audit log');
    await wrapper.find('[data-testid="diag-bin-confirm"]').trigger('click');
    await settle();
    expect(diagnostics.calls.filter((c) => c.procedure === 'diagnosticAction').map((c) => c.input)).toEqual([{ action: 'cardSlot.binEmptied', language: 'en' }]);
  });

  it('network lists dead letters by kind and error; retry takes one off, discard asks first', async () => {
    const { wrapper, diagnostics } = mountPanel(DiagnosticsPanel, 'en');
    await settle();
    await wrapper.find('[data-target="network"]').trigger('click');
    await settle();
    const rows = () => wrapper.findAll('[data-tx]');
    expect(rows().map((r) => r.text())).toEqual([expect.stringContaining('payload_invalid'), expect.stringContaining('kind_unknown')]);
    const retry = rows()[0]?.findAll('button').find((b) => b.text() === 'Retry');
    await retry?.trigger('click');
    await settle();
    expect(rows()).toHaveLength(1);
    await rows()[0]?.findAll('button').find((b) => b.text() === 'Discard')?.trigger('click');
    await settle();
    expect(diagnostics.calls.filter((c) => c.procedure === 'deadLetterAction')).toHaveLength(1);
    expect(wrapper.find('[data-testid="dead-letter-dialog"]').text()).toContain('for good');
    await wrapper.find('[data-testid="dead-letter-keep"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="dead-letter-dialog"]').exists()).toBe(false);
    expect(diagnostics.calls.filter((c) => c.procedure === 'deadLetterAction'), 'kept: nothing asked of the core').toHaveLength(1);
    await rows()[0]?.findAll('button').find((b) => b.text() === 'Discard')?.trigger('click');
    await settle();
    await wrapper.find('[data-testid="dead-letter-discard"]').trigger('click');
    await settle();
    expect(diagnostics.calls.filter((c) => c.procedure === 'deadLetterAction').map((c) => (c.input as { action: string }).action)).toEqual(['retry', 'discard']);
    expect(rows()).toHaveLength(0);
  });

  it('a refused call says why in the technician’s language (never the core’s own words); a stale answer never replaces the newer screen', async () => {
    const { wrapper, diagnostics } = mountPanel(DiagnosticsPanel, 'en');
    await settle();
    diagnostics.refuse = { procedure: 'diagnosticAction', code: 'not_allowed', message: 'sign in first' };
    await wrapper.find('[data-action="fingerprint.ledTest"]').trigger('click');
    await settle();
    const refused = wrapper.find('[data-testid="diag-refused"]');
    expect(refused.attributes('data-code')).toBe('not_allowed');
    expect(refused.text()).toContain('did not allow this now');
    expect(refused.text()).not.toContain('sign in first');
    diagnostics.refuse = null;
    // The card slot's answer is held back; the network's comes first; the card slot's then arrives late and is dropped.
    const release = diagnostics.holdNext('cardSlot');
    await wrapper.find('[data-target="cardSlot"]').trigger('click');
    await wrapper.find('[data-target="network"]').trigger('click');
    await settle();
    release();
    await settle();
    expect(wrapper.find('[data-check="network.central"]').exists()).toBe(true);
    expect(wrapper.find('[data-check="cardSlot.reader"]').exists()).toBe(false);
    expect(wrapper.find('.diag__body').attributes('aria-busy')).toBe('false');
  });

  it('a refusal in Arabic is in Arabic', async () => {
    const { wrapper, diagnostics } = mountPanel(DiagnosticsPanel, 'ar');
    await settle();
    diagnostics.refuse = { procedure: 'diagnose', code: 'timeout', message: 'took too long' };
    await wrapper.find('[data-target="system"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="diag-refused"]').text()).toContain('لم تُجب نواة الجهاز في الوقت المحدد');
  });

  it('a magstripe reader the kiosk does not have says so', async () => {
    const { wrapper } = mountPanel(DiagnosticsPanel, 'ar');
    await settle();
    await wrapper.find('[data-target="magstripe"]').trigger('click');
    await settle();
    expect(wrapper.text()).toContain('لا يوجد في هذا الجهاز قارئ الشريط الممغنط');
  });
});

describe('ReadinessPanel', () => {
  it('with no report yet says so; a run shows the colour and the manual tests with their last result; run and print says it printed', async () => {
    const { wrapper, diagnostics } = mountPanel(ReadinessPanel, 'en');
    await settle();
    expect(wrapper.text()).toContain('No report yet');
    await wrapper.find('[data-run="print"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-overall]').attributes('data-overall')).toBe('warn');
    expect(wrapper.text()).toContain('Ready with warnings');
    expect(wrapper.text()).toContain('Printed on the receipt printer.');
    expect(wrapper.find('[data-check="printer.testPage"]').text()).toContain('Last: Fail');
    expect(wrapper.find('[data-check="cardSlot.readTest"]').text()).toContain('Not run yet');
    expect(diagnostics.calls.find((c) => c.procedure === 'runReadiness')?.input).toEqual({ print: true, language: 'en' });
  });
});
