import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The services menu: what the person typed to find a service, and which one is explained. */
export const useServiceMenuStore = defineStore('serviceMenu', () => {
  const query = ref('');
  const explainedServiceId = ref<string | null>(null);

  function explain(serviceId: string): void {
    explainedServiceId.value = serviceId;
  }

  function closeExplanation(): void {
    explainedServiceId.value = null;
  }

  function $reset(): void {
    query.value = '';
    explainedServiceId.value = null;
  }

  return { query, explainedServiceId, explain, closeExplanation, $reset };
});
