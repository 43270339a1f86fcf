import { sleep } from '../../common/time';

/**
 * How long a driver whose deadline has passed still listens for input already on its way in, before it calls the
 * device silent. Node runs due timers before it polls for I/O, and a serial port is read in two turns of the loop
 * (the port is reported readable, then the read runs on libuv's thread pool and its bytes come on a later turn): after
 * a stall of the whole process (a loaded machine, a long garbage collection) an expired deadline and an answer that
 * came in time are due together, and the deadline would be judged first. A device that answered is not "not
 * responding"; one that did not is reported this much later.
 */
const PENDING_INPUT_GRACE_MS = 25;

/**
 * Lets input that is already waiting reach the driver before its deadline is judged: resolves when `arrived` aborts
 * (the driver's wake on new bytes or on the port closing) or after PENDING_INPUT_GRACE_MS. Call it once per wait,
 * when the deadline has passed, then look at the inbox again.
 */
export async function awaitPendingInput(arrived: AbortSignal): Promise<void> {
  await sleep(PENDING_INPUT_GRACE_MS, { signal: arrived });
}

/**
 * One wait of a driver for its next input, bounded by a deadline (performance.now()) that is judged only after input
 * already on its way has been read: `expired` is true once the deadline has passed and one `pause` past it has given
 * pending input its grace.
 */
export class InputDeadline {
  #lookedForPending = false;

  constructor(private readonly deadline: number) {}

  get expired(): boolean {
    return this.#lookedForPending && performance.now() >= this.deadline;
  }

  /** Sleeps until the deadline (past it: the pending-input grace); `woken` (new input, the port closing) ends it early. */
  async pause(woken: AbortSignal): Promise<void> {
    const remaining = this.deadline - performance.now();
    if (remaining > 0) {
      await sleep(remaining, { signal: woken });
      return;
    }
    this.#lookedForPending = true;
    await awaitPendingInput(woken);
  }
}
