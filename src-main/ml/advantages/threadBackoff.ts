/** Below this CPU/wall ratio a threaded sweep did not get a second core's worth of time. */
export const MIN_PARALLELISM = 1.25;
const FIRST_BACKOFF = 4;
const MAX_BACKOFF = 64;

/**
 * Whether the next large sweep should use the worker threads. Threads only pay when there are idle cores:
 * on a machine whose cores are taken by other processes, main and worker share one core's worth of time,
 * and the hand-offs and polling add ~25 % CPU, so the sweep gets slower. A threaded sweep that used less
 * than MIN_PARALLELISM × its wall time in CPU (all threads of the process; measured 1.5–1.8 on two idle
 * cores, 0.9–1.05 while another process was busy) is taken as that case: the next 4 sweeps run on one thread,
 * then threads are tried again; each further failure doubles the pause (to 64 sweeps), a success resets
 * it. Results are bit-identical either way; only the timing depends on this.
 */
export class ThreadBackoff {
  private skip = 0;
  private pause = FIRST_BACKOFF;

  /** True if this sweep should use the threads (consumes one skipped sweep otherwise). */
  tryThreads(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  /** Records a threaded sweep: process CPU ms (all threads) and wall ms of its passes. */
  record(cpuMs: number, wallMs: number): void {
    if (wallMs <= 0) return;
    if (cpuMs / wallMs >= MIN_PARALLELISM) {
      this.pause = FIRST_BACKOFF;
      return;
    }
    this.skip = this.pause;
    this.pause = Math.min(MAX_BACKOFF, 2 * this.pause);
  }
}
