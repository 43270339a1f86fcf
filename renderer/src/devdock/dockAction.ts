import { ref } from 'vue';

export type DockNotice = { tone: 'done' | 'refused' | 'failed'; key: string };

/** What every dock action answers: done or refused (with why), and the panel's state after it. */
type DockOutcome<S> = ({ ok: true; done: string } | { ok: false; refusal: string }) & { state: S };

/**
 * One dock action at a time (`busy` holds the panel's buttons): the state it
 * answers is kept, and what happened is said as the dock's notice; a call
 * that fails is `failed` (a notice unless the caller says otherwise).
 */
export function useDockAction<S>(keep: (state: S) => void, tell: (notice: DockNotice) => void, failed: (error: unknown) => void = () => tell({ tone: 'failed', key: 'failed' })) {
  const busy = ref(false);

  async function act(run: () => Promise<DockOutcome<S>>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      const result = await run();
      keep(result.state);
      tell(result.ok ? { tone: 'done', key: result.done } : { tone: 'refused', key: result.refusal });
    } catch (error) {
      failed(error);
    } finally {
      busy.value = false;
    }
  }

  return { busy, act };
}
