import { ref } from 'vue';

/**
 * Speech mode for the technician (the overlay's own switch; the public's is
 * per customer session and none runs during maintenance). Off again whenever
 * maintenance ends, so the next technician starts with it off.
 */
export const technicianSpeech = ref(false);
