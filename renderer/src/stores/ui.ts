import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Language } from '../contract';

export type NoticeKey = 'actionFailed';

const noticeVisibleMs = 6000;
const referralVisibleMs = 30_000;

/** Screen furniture that is not the core's business: dialogs, keyboard, notices. */
export const useUiStore = defineStore('ui', () => {
  const confirmingEnd = ref(false);
  const keyboardOpen = ref(false);
  const notice = ref<NoticeKey | null>(null);
  /** The last session ended with a referral to staff (three failed fingerprint matches): said once the session is gone. */
  const staffReferral = ref(false);
  /** The language the ended session was in: the referral speaks to the same person. */
  const staffReferralLanguage = ref<Language>('ar');
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  let referralTimer: ReturnType<typeof setTimeout> | undefined;

  function showStaffReferral(language: Language): void {
    staffReferralLanguage.value = language;
    staffReferral.value = true;
    clearTimeout(referralTimer);
    referralTimer = setTimeout(() => (staffReferral.value = false), referralVisibleMs);
  }

  function dismissStaffReferral(): void {
    clearTimeout(referralTimer);
    staffReferral.value = false;
  }

  function showNotice(key: NoticeKey): void {
    notice.value = key;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (notice.value = null), noticeVisibleMs);
  }

  function dismissNotice(): void {
    clearTimeout(noticeTimer);
    notice.value = null;
  }

  function $reset(): void {
    confirmingEnd.value = false;
    keyboardOpen.value = false;
    dismissNotice();
    dismissStaffReferral();
  }

  return { confirmingEnd, keyboardOpen, notice, staffReferral, staffReferralLanguage, showNotice, dismissNotice, showStaffReferral, dismissStaffReferral, $reset };
});
