import { defineStore } from 'pinia';
import { ref } from 'vue';

/** The services menu: what the person typed to find a service, and which one is explained. */
export const useServiceMenuStore = defineStore('serviceMenu', () => {
  const query = ref('');
  const explainedServiceId = ref<string | null>(null);
  /** An available service the person chose; its journey is not built yet. */
  const chosenServiceId = ref<string | null>(null);

  function explain(serviceId: string): void {
    explainedServiceId.value = serviceId;
  }

  function closeExplanation(): void {
    explainedServiceId.value = null;
  }

  function choose(serviceId: string): void {
    chosenServiceId.value = serviceId;
  }

  function $reset(): void {
    query.value = '';
    explainedServiceId.value = null;
    chosenServiceId.value = null;
  }

  return { query, explainedServiceId, chosenServiceId, explain, closeExplanation, choose, $reset };
});
