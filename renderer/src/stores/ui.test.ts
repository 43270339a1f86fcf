import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUiStore } from './ui';

describe('notices and the staff referral stay on screen for a while', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('a notice goes after six seconds, counted again from a second failure', () => {
    const ui = useUiStore();
    ui.showNotice('actionFailed');
    vi.advanceTimersByTime(4000);
    ui.showNotice('actionFailed');
    vi.advanceTimersByTime(4000);
    expect(ui.notice).toBe('actionFailed');
    vi.advanceTimersByTime(2000);
    expect(ui.notice).toBeNull();
  });

  it('a dismissed notice is gone at once, and its old timer does not hide the next one early', () => {
    const ui = useUiStore();
    ui.showNotice('actionFailed');
    ui.dismissNotice();
    expect(ui.notice).toBeNull();
    vi.advanceTimersByTime(3000);
    ui.showNotice('actionFailed');
    vi.advanceTimersByTime(5000);
    expect(ui.notice).toBe('actionFailed');
  });

  it('the staff referral speaks the ended session’s language for thirty seconds, or until dismissed', () => {
    const ui = useUiStore();
    ui.showStaffReferral('en');
    expect([ui.staffReferral, ui.staffReferralLanguage]).toEqual([true, 'en']);
    vi.advanceTimersByTime(29_000);
    expect(ui.staffReferral).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(ui.staffReferral).toBe(false);
    ui.showStaffReferral('ar');
    ui.dismissStaffReferral();
    expect(ui.staffReferral).toBe(false);
  });
});
