// One measured run of each side, each in a fresh Chromium: open the series, wait for its first image,
// switch to MPR as soon as that image is on screen, wait for MPR ready, let rendering settle, measure
// memory. The two functions differ only in how the page is driven (clicks in the app; calls into
// window.plainBench in the plain page).
import { writeFileSync } from 'node:fs';
import { launchBenchBrowser, type BenchBrowser } from './browser';
import { measurePageMemory, PeakRss, type PageMemory } from './memory';
import { firstImageMs, mprReadyOrFailed, readProbe, rendersBetween, waitForMeasure, waitForRenderQuiet } from './probe';

export interface ViewportSizes {
  stack: { width: number; height: number };
  mpr: { width: number; height: number };
}

export interface RunResult {
  firstImageMs: number;
  mprReadyMs: number;
  memory: PageMemory;
  peakChromiumRss: number;
  /** Frames drawn from the open to the first image, and from the MPR request to MPR ready. */
  framesToFirstImage: number;
  framesToMprReady: number;
  /** Plain page only: cornerstone's own cache accounting (decoded images + volume). */
  cacheBytes: number | null;
  /** Plain page only: whole DICOM files held parsed by the wadouri loader. */
  fileCacheBytes: number | null;
  /** App only: the viewport sizes the app laid out, so the plain page can use the same. */
  sizes: ViewportSizes | null;
}

const FIRST_IMAGE_TIMEOUT_MS = 60_000;
const MPR_TIMEOUT_MS = 240_000;

/** Non-blank pixels on a viewport's visible canvas: a sanity check that a frame really shows an image. */
async function nonBlankPixels(b: BenchBrowser, testId: string): Promise<number> {
  return (await b.page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid="${testId}"] canvas');
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 24) n++;
    return n;
  })()`)) as number;
}

async function boxOf(b: BenchBrowser, testId: string): Promise<{ width: number; height: number }> {
  const box = await b.page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not laid out`);
  return { width: Math.round(box.width), height: Math.round(box.height) };
}

/**
 * BENCH_PROFILE=<path prefix>: the main thread's CPU profile from the open to MPR ready, written as
 * `<prefix>-<n>-<side>.cpuprofile` (Chrome DevTools format; bench/viewer/summariseProfile.ts totals it).
 * Sampling costs a little time on both sides, so profiled runs are for finding where time goes only.
 */
const PROFILE_PREFIX = process.env.BENCH_PROFILE;
let profiles = 0;

async function startProfile(b: BenchBrowser): Promise<void> {
  if (!PROFILE_PREFIX) return;
  await b.cdp.send('Profiler.enable');
  await b.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await b.cdp.send('Profiler.start');
}

async function stopProfile(b: BenchBrowser, side: string): Promise<void> {
  if (!PROFILE_PREFIX) return;
  const { profile } = await b.cdp.send('Profiler.stop');
  writeFileSync(`${PROFILE_PREFIX}-${++profiles}-${side}.cpuprofile`, JSON.stringify(profile));
}

/**
 * BENCH_TRACE=1: prints, for each run, when the page's API calls and its first file requests started and
 * ended (ms after the `open` mark, Resource Timing) — where the time before the first image goes.
 */
async function traceRequests(b: BenchBrowser, side: string): Promise<void> {
  if (!process.env.BENCH_TRACE) return;
  const lines = await b.page.evaluate(() => {
    const w = globalThis as unknown as { __bench: { marks: Record<string, number> } };
    const open = w.__bench.marks.open ?? 0;
    const entries = (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).filter((e) => e.startTime >= open && /\/(api|files)\//.test(e.name));
    const files = entries.filter((e) => e.name.includes('/files/')).slice(0, 2);
    return [...entries.filter((e) => e.name.includes('/api/')), ...files]
      .sort((x, y) => x.startTime - y.startTime)
      .map((e) => `${new URL(e.name).pathname} ${(e.startTime - open).toFixed(0)}–${(e.responseEnd - open).toFixed(0)} ms`);
  });
  console.log(`    ${side} requests: ${lines.join(', ')}`);
}

async function finish(
  b: BenchBrowser,
  peak: PeakRss,
  label: string,
  times: { firstImageMs: number; mprReadyMs: number },
): Promise<{ memory: PageMemory; peakChromiumRss: number; framesToFirstImage: number; framesToMprReady: number }> {
  const probe = await readProbe(b.page);
  const open = probe.marks.open ?? 0;
  const mpr = probe.marks.mpr ?? 0;
  const framesToFirstImage = rendersBetween(probe, open, open + times.firstImageMs);
  const framesToMprReady = rendersBetween(probe, mpr, mpr + times.mprReadyMs);
  for (const id of ['mpr-axial', 'mpr-sagittal', 'mpr-coronal']) {
    if ((await nonBlankPixels(b, id)) < 1_000) throw new Error(`${label}: ${id} shows no image`);
  }
  await waitForRenderQuiet(b.page, 1_000, 20_000);
  const memory = await measurePageMemory(b.page, b.cdp, b.pid);
  const peakChromiumRss = peak.stop();
  if (b.pageErrors.length > 0) throw new Error(`${label}: page errors: ${b.pageErrors.join('; ')}`);
  return { memory, peakChromiumRss, framesToFirstImage, framesToMprReady };
}

/** The app: click the study in the list (opens its first series as a stack), then the MPR button. */
export async function runApp(launchUrl: string, patientName: string): Promise<RunResult> {
  const b = await launchBenchBrowser();
  const peak = new PeakRss(b.pid);
  try {
    await b.page.goto(launchUrl);
    // The row whose patient name is exactly this one (another row's description may contain it).
    const item = b.page.locator('.list li').filter({ has: b.page.locator('strong').getByText(patientName, { exact: true }) }).first();
    await item.waitFor();
    // Start-up work of the list page (fonts, first paint) should not overlap the measured open.
    await b.page.waitForTimeout(500);
    await startProfile(b);
    await item.click();
    const firstImage = await waitForMeasure(b.page, firstImageMs, 'the first image (app)', FIRST_IMAGE_TIMEOUT_MS);
    await traceRequests(b, 'app');
    const stack = await boxOf(b, 'viewport');
    await b.page.locator('[data-layout="mpr"]').click();
    const mprReady = await waitForMeasure(b.page, mprReadyOrFailed, 'MPR ready (app)', MPR_TIMEOUT_MS).catch(async (e: unknown) => {
      // The app shows why a volume failed to load; without it a timeout says nothing.
      const shown = await b.page.locator('.error').allInnerTexts();
      throw new Error(`${e instanceof Error ? e.message : String(e)}; errors on the page: ${JSON.stringify(shown)}`);
    });
    await stopProfile(b, 'app');
    const mpr = await boxOf(b, 'mpr-axial');
    const done = await finish(b, peak, 'app', { firstImageMs: firstImage, mprReadyMs: mprReady });
    return { firstImageMs: firstImage, mprReadyMs: mprReady, ...done, cacheBytes: null, fileCacheBytes: null, sizes: { stack, mpr } };
  } finally {
    peak.stop();
    await b.close();
  }
}

/** The plain page: the same image ids, viewports of the sizes the app used. */
export async function runPlain(pageUrl: string, imageIds: readonly string[], sizes: ViewportSizes): Promise<RunResult> {
  const b = await launchBenchBrowser();
  const peak = new PeakRss(b.pid);
  try {
    await b.page.goto(pageUrl);
    await b.page.waitForFunction('window.plainBench !== undefined');
    await b.page.waitForTimeout(500);
    await startProfile(b);
    // Not awaited in the page: the timings come from the probe, and the mark is set in the same task.
    await b.page.evaluate(
      ({ ids, size }) => {
        const w = globalThis as unknown as { __bench: { mark(n: string): void }; plainBench: { openStack(i: string[], s: unknown): Promise<void> } };
        w.__bench.mark('open');
        void w.plainBench.openStack(ids, size);
      },
      { ids: [...imageIds], size: sizes.stack },
    );
    const firstImage = await waitForMeasure(b.page, firstImageMs, 'the first image (plain)', FIRST_IMAGE_TIMEOUT_MS);
    await traceRequests(b, 'plain');
    await b.page.evaluate((size) => {
      const w = globalThis as unknown as { __bench: { mark(n: string): void }; plainBench: { openMpr(s: unknown): Promise<void> } };
      w.__bench.mark('mpr');
      void w.plainBench.openMpr(size);
    }, sizes.mpr);
    const mprReady = await waitForMeasure(b.page, mprReadyOrFailed, 'MPR ready (plain)', MPR_TIMEOUT_MS);
    await stopProfile(b, 'plain');
    const done = await finish(b, peak, 'plain', { firstImageMs: firstImage, mprReadyMs: mprReady });
    const cacheBytes = (await b.page.evaluate('window.plainBench.cacheBytes()')) as number;
    const fileCacheBytes = (await b.page.evaluate('window.plainBench.fileCacheBytes()')) as number;
    return { firstImageMs: firstImage, mprReadyMs: mprReady, ...done, cacheBytes, fileCacheBytes, sizes: null };
  } finally {
    peak.stop();
    await b.close();
  }
}
