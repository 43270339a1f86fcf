import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ShallowRef } from 'vue';
import type { Language } from '../contract';

export type NoticeKey = 'actionFailed';

const noticeVisibleMs = 6000;
const referralVisibleMs = 30_000;

/** A value on screen for `visibleMs`, then back to `hidden`; shown again, it stays the full time from then. */
function shownFor<T>(hidden: T, visibleMs: number): { value: ShallowRef<T>; show: (value: T) => void; dismiss: () => void } {
  const value = shallowRef(hidden);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    value,
    show(shown) {
      value.value = shown;
      clearTimeout(timer);
      timer = setTimeout(() => (value.value = hidden), visibleMs);
    },
    dismiss() {
      clearTimeout(timer);
      value.value = hidden;
    },
  };
}

/** Screen furniture that is not the core's business: dialogs, keyboard, notices. */
export const useUiStore = defineStore('ui', () => {
  const confirmingEnd = ref(false);
  const keyboardOpen = ref(false);
  const { value: notice, show: showNotice, dismiss: dismissNotice } = shownFor<NoticeKey | null>(null, noticeVisibleMs);
  /** The last session ended with a referral to staff (three failed fingerprint matches): said once the session is gone. */
  const { value: staffReferral, show: showReferral, dismiss: dismissStaffReferral } = shownFor(false, referralVisibleMs);
  /** The language the ended session was in: the referral speaks to the same person. */
  const staffReferralLanguage = ref<Language>('ar');

  function showStaffReferral(language: Language): void {
    staffReferralLanguage.value = language;
    showReferral(true);
  }

  function $reset(): void {
    confirmingEnd.value = false;
    keyboardOpen.value = false;
    dismissNotice();
    dismissStaffReferral();
  }

  return { confirmingEnd, keyboardOpen, notice, staffReferral, staffReferralLanguage, showNotice, dismissNotice, showStaffReferral, dismissStaffReferral, $reset };
});
