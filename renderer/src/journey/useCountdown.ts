import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { useNow } from '../components/useNow';
import { useSessionStore } from '../stores/session';

/**
 * Seconds until an instant on the core clock (code expiry, resend, lock end),
 * ticking on this clock corrected by the snapshot's offset. null without an instant.
 */
export function useCountdown(target: () => number | undefined | null): ComputedRef<number | null> {
  const session = useSessionStore();
  const now = useNow(500);
  return computed(() => {
    const at = target();
    if (at === undefined || at === null) return null;
    return Math.max(0, Math.ceil((at - session.clockOffsetMs - now.value) / 1000));
  });
}

/** `4:05` (minutes and seconds), digits left to right in both languages. */
export function clockText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
