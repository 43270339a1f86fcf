import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process's threads have run, ms: the sum of /proc/<pid>/task/<tid>/schedstat (nanoseconds, not 10 ms
 * ticks). What a machine's other load does not add to, where the wall time it takes does.
 */
export function cpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return ns / 1e6;
}
