// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import { describe, expect, it } from 'vitest';
import BaseDialog from './BaseDialog.vue';

const Harness = defineComponent({
  setup: () => () =>
    h(
      BaseDialog,
      { title: 'T' },
      { default: () => h('p', 'body'), actions: () => [h('button', { id: 'first' }, 'a'), h('button', { id: 'last', 'data-autofocus': '' }, 'b')] },
    ),
});

describe('BaseDialog', () => {
  it('is a labelled modal dialog that takes focus and keeps Tab inside', async () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    const wrapper = mount(Harness, { attachTo: document.body });
    await nextTick();
    await nextTick();
    const panel = wrapper.find('[role="dialog"]');
    expect(panel.attributes('aria-modal')).toBe('true');
    expect(document.getElementById(panel.attributes('aria-labelledby') ?? '')?.textContent).toBe('T');
    expect(document.activeElement?.id).toBe('last');

    await panel.trigger('keydown', { key: 'Tab' });
    expect(document.activeElement?.id).toBe('first');
    await panel.trigger('keydown', { key: 'Tab', shiftKey: true });
    expect(document.activeElement?.id).toBe('last');

    outside.focus();
    expect(document.activeElement?.id).toBe('last');

    wrapper.unmount();
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });
});
