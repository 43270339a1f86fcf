import { defineStore } from 'pinia';
import { ref } from 'vue';

export type NoticeKey = 'actionFailed';

const noticeVisibleMs = 6000;

/** Screen furniture that is not the core's business: dialogs, keyboard, notices. */
export const useUiStore = defineStore('ui', () => {
  const confirmingEnd = ref(false);
  const keyboardOpen = ref(false);
  const notice = ref<NoticeKey | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;

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
  }

  return { confirmingEnd, keyboardOpen, notice, showNotice, dismissNotice, $reset };
});
