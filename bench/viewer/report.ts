// Prints the viewer benchmark: per dataset, medians of app and plain page, their ratios and the goals.
import type { RunResult, ViewportSizes } from './runs';

export interface DatasetResult {
  name: string;
  dims: string;
  /** rows × columns × slices × bytes per stored voxel. */
  voxelBytes: number;
  sizes: ViewportSizes;
  app: RunResult[];
  plain: RunResult[];
}

const GOAL_TIME_RATIO = 1.3;
const GOAL_MEMORY_PER_VOXEL_BYTE = 1.5;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
const ms = (v: number) => `${v.toFixed(0)} ms`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

function medianOf(runs: readonly RunResult[], pick: (r: RunResult) => number | null): number | null {
  const values = runs.map(pick).filter((v): v is number => v !== null);
  return values.length === runs.length ? median(values) : null;
}

export function printReport(results: readonly DatasetResult[], info: { started: Date; runs: number; loadAverage: number }): void {
  console.log(`\nViewer benchmark, ${info.started.toISOString()}, medians of ${info.runs} runs per side (fresh Chromium each), load average now ${info.loadAverage.toFixed(1)}`);
  for (const d of results) {
    const row = (label: string, pick: (r: RunResult) => number | null, fmt: (v: number) => string, goal?: string) => {
      const a = medianOf(d.app, pick);
      const p = medianOf(d.plain, pick);
      const ratio = a !== null && p !== null && p > 0 ? `${(a / p).toFixed(2)}×` : '—';
      const cells = [label.padEnd(34), (a === null ? '—' : fmt(a)).padStart(9), (p === null ? '—' : fmt(p)).padStart(9), ratio.padStart(7)];
      console.log(`  ${cells.join(' ')}${goal ? `  ${goal}` : ''}`);
      return { a, p };
    };
    console.log(`\n${d.name} — ${d.dims}, voxel bytes ${mb(d.voxelBytes)}; viewports ${d.sizes.stack.width}×${d.sizes.stack.height} (stack), 3 × ${d.sizes.mpr.width}×${d.sizes.mpr.height} (MPR)`);
    console.log(`  ${''.padEnd(34)} ${'app'.padStart(9)} ${'plain'.padStart(9)} ${'ratio'.padStart(7)}`);
    const first = row('first image', (r) => r.firstImageMs, ms);
    const mpr = row('MPR ready', (r) => r.mprReadyMs, ms);
    for (const [label, t] of [['first image', first], ['MPR ready', mpr]] as const) {
      if (t.a !== null && t.p !== null) console.log(`    goal ≤ ${GOAL_TIME_RATIO}× for ${label}: ${met(t.a / t.p <= GOAL_TIME_RATIO)}`);
    }
    row('frames drawn until first image', (r) => r.framesToFirstImage, (v) => v.toFixed(0));
    row('frames drawn until MPR ready', (r) => r.framesToMprReady, (v) => v.toFixed(0));
    const heapAndBuffers = (r: RunResult) => (r.memory.arrayBuffers === null ? null : r.memory.jsHeap + r.memory.arrayBuffers);
    row('JS heap (main thread, after GC)', (r) => r.memory.jsHeap, mb);
    row('array buffers (backing stores)', (r) => r.memory.arrayBuffers, mb);
    const total = row('JS heap + array buffers', heapAndBuffers, mb);
    row('  of which cornerstone cache (plain)', (r) => r.cacheBytes, mb);
    row('  of which parsed DICOM files (plain)', (r) => r.fileCacheBytes, mb);
    row('measureUserAgentSpecificMemory', (r) => r.memory.uaMemory, mb);
    row('Chromium PSS, all processes', (r) => r.memory.chromiumPss, mb);
    row('Chromium RSS peak, all processes', (r) => r.peakChromiumRss, mb);
    if (total.a !== null && total.p !== null) {
      const appRatio = total.a / d.voxelBytes;
      const plainRatio = total.p / d.voxelBytes;
      const judged = d.name.includes('generated');
      console.log(
        `    JS heap + array buffers / voxel bytes: app ${appRatio.toFixed(2)}×, plain ${plainRatio.toFixed(2)}×` +
          (judged ? `  goal ≤ ${GOAL_MEMORY_PER_VOXEL_BYTE}× (app): ${met(appRatio <= GOAL_MEMORY_PER_VOXEL_BYTE)}` : ''),
      );
    }
  }
}
