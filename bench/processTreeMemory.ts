import { readdirSync, readFileSync } from 'node:fs';

/**
 * Samples the resident memory of a process and all its descendants (Linux /proc), keeping the peaks.
 * Parse workers are child processes, so the main process's own RSS alone would hide their memory.
 * It also keeps each descendant's last seen CPU time: on a shared, overloaded machine wall time says
 * more about the other jobs than about the import, while CPU seconds stay comparable.
 */
export class ProcessTreeMemory {
  peakMainMb = 0;
  peakTreeMb = 0;
  /** Largest single descendant (a parse worker) seen. */
  peakChildMb = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly childCpu = new Map<number, number>();
  /** CPU seconds of the descendants already running when sampling started (workers started ahead). */
  private readonly childCpuAtStart = new Map<number, number>();

  /**
   * CPU seconds (user + system) the descendants used since `start`, as last sampled (they may have exited
   * since); a descendant already running at `start` counts only what it used after.
   */
  get childCpuSeconds(): number {
    let sum = 0;
    for (const [pid, s] of this.childCpu) sum += s - (this.childCpuAtStart.get(pid) ?? 0);
    return sum;
  }

  /** CPU seconds the descendants running at `start` had used before it (e.g. starting up). */
  get childCpuBeforeStartSeconds(): number {
    let sum = 0;
    for (const s of this.childCpuAtStart.values()) sum += s;
    return sum;
  }

  constructor(private readonly rootPid: number, private readonly intervalMs = 25) {}

  /** The root's own peak as the kernel recorded it (VmHWM): exact, unlike sampling. */
  get peakMainHwmMb(): number {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${this.rootPid}/status`, 'latin1'))?.[1] ?? 0) / 1024;
    } catch {
      return this.peakMainMb;
    }
  }

  start(): void {
    for (const pid of descendants(this.rootPid)) {
      const cpu = cpuSeconds(pid);
      if (cpu !== undefined) this.childCpuAtStart.set(pid, cpu);
    }
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  /**
   * CPU seconds the sampling itself cost this (the measured) process: reading /proc every 25 ms is the
   * harness's work, not the import's, so the engine subtracts it from its main-process CPU.
   */
  samplerCpuSeconds = 0;

  private sample(): void {
    const cpu0 = process.cpuUsage();
    this.sampleTree();
    const cpu = process.cpuUsage(cpu0);
    this.samplerCpuSeconds += (cpu.user + cpu.system) / 1e6;
  }

  private sampleTree(): void {
    let tree = 0;
    for (const pid of [this.rootPid, ...descendants(this.rootPid)]) {
      const mb = residentMb(pid);
      if (mb === undefined) continue; // the process ended between listing and reading
      tree += mb;
      if (pid === this.rootPid) {
        this.peakMainMb = Math.max(this.peakMainMb, mb);
        continue;
      }
      this.peakChildMb = Math.max(this.peakChildMb, mb);
      const cpu = cpuSeconds(pid);
      if (cpu !== undefined) this.childCpu.set(pid, cpu);
    }
    this.peakTreeMb = Math.max(this.peakTreeMb, tree);
  }
}

/**
 * Descendants through /proc/<pid>/task/<tid>/children: reading only the tree, not every process on the
 * machine (a full /proc scan every 25 ms cost the measured process seconds of CPU on a busy machine).
 */
function descendants(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < 1024) {
    const pid = queue.shift()!;
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ')) {
          if (child.trim() === '') continue;
          out.push(Number(child));
          queue.push(Number(child));
        }
      } catch {
        // thread or process gone
      }
    }
  }
  return out;
}

function residentMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
