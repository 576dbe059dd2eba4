import { readdirSync, readFileSync } from 'node:fs';

/**
 * Samples the resident memory of a process and all its descendants (Linux /proc), keeping the peaks.
 * Parse workers are child processes, so the main process's own RSS alone would hide their memory.
 */
export class ProcessTreeMemory {
  peakMainMb = 0;
  peakTreeMb = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly rootPid: number, private readonly intervalMs = 25) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  private sample(): void {
    const parents = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const status = readFileSync(`/proc/${name}/status`, 'latin1');
        parents.set(Number(name), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
        rss.set(Number(name), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        // the process ended between readdir and read
      }
    }
    const inTree = (pid: number): boolean => {
      for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++) if (p === this.rootPid) return true;
      return false;
    };
    let tree = 0;
    for (const [pid, mb] of rss) if (inTree(pid)) tree += mb;
    this.peakMainMb = Math.max(this.peakMainMb, rss.get(this.rootPid) ?? 0);
    this.peakTreeMb = Math.max(this.peakTreeMb, tree);
  }
}
