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
