import { computed, ref, type Ref, type WritableComputedRef } from 'vue';

/**
 * One on-screen keyboard for a step with several fields: it types into the
 * field last touched (`typingInto`, set on focus), starting with `first`.
 */
export function useKeyboardTarget<K extends string>(fields: Record<K, Ref<string>>, first: NoInfer<K>): { typingInto: Ref<K>; keyboardValue: WritableComputedRef<string> } {
  const typingInto = ref(first) as Ref<K>;
  const keyboardValue = computed({
    get: () => fields[typingInto.value].value,
    set: (value: string) => {
      fields[typingInto.value].value = value;
    },
  });
  return { typingInto, keyboardValue };
}
