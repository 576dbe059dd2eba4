// What the viewer benchmark reports as memory, measured the same way for both pages once MPR is ready
// and rendering has settled, after a forced full GC (so it is what the page retains, not garbage):
//  - jsHeap: the page's main-thread V8 heap in use (CDP Runtime.getHeapUsage usedSize) — JS objects.
//  - arrayBuffers: bytes of ArrayBuffer/SharedArrayBuffer backing stores owned by that heap (CDP
//    Runtime.getHeapUsage backingStorageSize). Decoded pixels and the volume's voxels live here, outside
//    the JS heap proper. The two together are the "JS heap + array buffers" the goal is judged on.
//  - uaMemory: performance.measureUserAgentSpecificMemory() — Chromium's own total for the page's
//    JS realms including its decode workers (needs cross-origin isolation, which both pages have).
//  - chromiumPss: proportional set size summed over every Chromium process (browser, renderer, GPU —
//    where SwiftShader keeps the volume's 3D texture — and utilities); PSS so shared pages count once.
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

export interface PageMemory {
  jsHeap: number;
  arrayBuffers: number | null;
  uaMemory: number | null;
  chromiumPss: number;
}

/** Runtime.getHeapUsage; backingStorageSize is newer than playwright's protocol typings. */
interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

export async function measurePageMemory(page: Page, cdp: CDPSession, chromiumPid: number): Promise<PageMemory> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as HeapUsage;
  // Chromium may defer the measurement to the next natural GC; the launch flag ForceEagerMeasureMemory
  // makes it prompt, and the race keeps a missing answer from hanging the run.
  const uaMemory = (await page.evaluate(`Promise.race([
    typeof performance.measureUserAgentSpecificMemory === 'function' && crossOriginIsolated
      ? performance.measureUserAgentSpecificMemory().then((r) => r.bytes, () => null)
      : Promise.resolve(null),
    new Promise((resolve) => setTimeout(() => resolve(null), 15000)),
  ])`)) as number | null;
  return {
    jsHeap: heap.usedSize,
    arrayBuffers: heap.backingStorageSize ?? null,
    uaMemory,
    chromiumPss: processTreeKb(chromiumPid, 'Pss') * 1024,
  };
}

function children(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'latin1'))?.[1] ?? 0);
      out.set(ppid, [...(out.get(ppid) ?? []), Number(name)]);
    } catch {
      // ended between readdir and read
    }
  }
  return out;
}

/** The process and all its descendants. */
function tree(rootPid: number): number[] {
  const kids = children();
  const out: number[] = [];
  for (const queue = [rootPid]; queue.length > 0; ) {
    const pid = queue.pop() as number;
    out.push(pid);
    queue.push(...(kids.get(pid) ?? []));
  }
  return out;
}

/** Sum of a /proc field in kB over a process tree: `Pss` from smaps_rollup, `VmRSS` from status. */
export function processTreeKb(rootPid: number, field: 'Pss' | 'VmRSS'): number {
  let kb = 0;
  for (const pid of tree(rootPid)) {
    try {
      const text = readFileSync(field === 'Pss' ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/status`, 'latin1');
      kb += Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return kb;
}

/** The Chromium browser process this Node process started (Debian's wrapper execs it in place). */
export function findChromiumPid(): number {
  const mine = children().get(process.pid) ?? [];
  for (const pid of mine) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('chromium')) return pid;
    } catch {
      // ended meanwhile
    }
  }
  throw new Error('no Chromium child process found');
}

/** Samples the Chromium tree's RSS every `intervalMs` (cheap /proc/status reads) and keeps the peak. */
export class PeakRss {
  peakBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly rootPid: number, intervalMs = 250) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    this.peakBytes = Math.max(this.peakBytes, processTreeKb(this.rootPid, 'VmRSS') * 1024);
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peakBytes;
  }
}
