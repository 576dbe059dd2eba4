import { performance } from 'node:perf_hooks';

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Timed<T> {
  readonly ms: number; // median wall
  readonly cpuMs: number; // median user + system of this process
  readonly out: T;
}

/**
 * Median wall and CPU time of `repeats` runs. `setup` runs before each and is not timed (e.g. cloning a
 * DRPO state that the timed call mutates). The machine is shared: CPU time stays closer to the work's
 * own cost when other jobs inflate wall time.
 */
export function timeIt<S, T>(repeats: number, setup: () => S, run: (s: S) => T): Timed<T> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let out!: T;
  for (let r = 0; r < repeats; r++) {
    const input = setup();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = run(input);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu), out };
}
