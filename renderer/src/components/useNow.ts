import { onBeforeUnmount, onMounted, ref } from 'vue';
import type { Ref } from 'vue';

/** The time, read again every `everyMs` while the component is on screen: what its countdowns tick by. */
export function useNow(everyMs: number, read: () => number = () => Date.now()): Readonly<Ref<number>> {
  const now = ref(read());
  let ticker: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    ticker = setInterval(() => (now.value = read()), everyMs);
  });
  onBeforeUnmount(() => clearInterval(ticker));
  return now;
}
