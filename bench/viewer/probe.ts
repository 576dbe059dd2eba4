// The in-page probe both sides of the viewer benchmark run (an init script, so it is in place before
// any page code): every timestamp is the page's own performance.now(), so the Node ↔ page round trips of
// the driver never enter a measurement.
//  - marks: `open` (the click on a study in the app; set by the driver right before openStack in the
//    plain page) and `mpr` (the click on the MPR layout button; set before openMpr).
//  - renders: every CORNERSTONE_IMAGE_RENDERED event with the data-testid of its viewport element. The
//    event does not bubble, so it is caught in the capture phase on window. Cornerstone fires it after
//    copying the WebGL frame onto the viewport's visible canvas, i.e. when the image is on screen.
//  - statuses: every change of a data-status attribute (the app's volume viewer says "ready" once every
//    slice is in the volume; the plain page sets the same attribute at the same point).
import type { Page } from 'playwright-core';

/** Kept as source text: it runs in the page, and the bench's TypeScript project has no DOM types. */
export const PROBE_SCRIPT = `
(() => {
  const bench = { marks: {}, renders: [], statuses: [] };
  bench.mark = (name) => { bench.marks[name] = performance.now(); };
  window.__bench = bench;
  window.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest('.list li')) bench.mark('open');
    if (target.closest('[data-layout="mpr"]')) bench.mark('mpr');
  }, true);
  // Whether a viewport's visible canvas shows an image: ≥ 20 of a 1-in-16 pixel sample not near-black (a
  // blank frame has none; the phantom CT's top slice is only a thin skull rim).
  const showsImage = (owner) => {
    const canvas = owner.querySelector('canvas');
    const ctx = canvas && canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 64) if (data[i] + data[i + 1] + data[i + 2] > 24) n++;
    return n >= 20;
  };
  const shown = new Set();
  window.addEventListener('CORNERSTONE_IMAGE_RENDERED', (event) => {
    const t = performance.now();
    const target = event.target;
    const owner = target instanceof Element ? target.closest('[data-testid]') : null;
    const id = owner ? owner.getAttribute('data-testid') : '?';
    // A viewport may draw an empty frame before its first image; only a frame with pixels counts. The
    // canvas is read only until the first such frame (a few ms per read, same on both sides).
    let image = shown.has(id);
    if (!image && owner && showsImage(owner)) {
      image = true;
      shown.add(id);
    }
    bench.renders.push({ id, t, image });
  }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === 'data-status') bench.statuses.push({ value: r.target.getAttribute('data-status'), t: performance.now() });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
})();
`;

export interface ProbeRecord {
  marks: Record<string, number>;
  /** `image`: the viewport's canvas showed an image at (or before) this frame. */
  renders: { id: string; t: number; image: boolean }[];
  statuses: { value: string | null; t: number }[];
}

export const MPR_PLANE_IDS = ['mpr-axial', 'mpr-sagittal', 'mpr-coronal'] as const;

export function readProbe(page: Page): Promise<ProbeRecord> {
  return page.evaluate('({ marks: window.__bench.marks, renders: window.__bench.renders, statuses: window.__bench.statuses })') as Promise<ProbeRecord>;
}

/** ms from the `open` mark to the first frame showing an image in the stack viewport, or null if none yet. */
export function firstImageMs(p: ProbeRecord): number | null {
  const open = p.marks.open;
  if (open === undefined) return null;
  const first = p.renders.find((r) => r.id === 'viewport' && r.t >= open && r.image);
  return first ? first.t - open : null;
}

/**
 * ms from the `mpr` mark until the volume is complete (data-status "ready") AND each of the three planes
 * has drawn an image — whichever comes last — or null if not there yet.
 */
export function mprReadyMs(p: ProbeRecord): number | null {
  const start = p.marks.mpr;
  if (start === undefined) return null;
  const ready = p.statuses.find((s) => s.value === 'ready' && s.t >= start);
  if (!ready) return null;
  let last = ready.t;
  for (const id of MPR_PLANE_IDS) {
    const first = p.renders.find((r) => r.id === id && r.t >= start && r.image);
    if (!first) return null;
    last = Math.max(last, first.t);
  }
  return last - start;
}

/** mprReadyMs, but throws once the volume viewer has said "error" after the `mpr` mark (no point waiting). */
export function mprReadyOrFailed(p: ProbeRecord): number | null {
  const start = p.marks.mpr;
  if (start !== undefined && p.statuses.some((s) => s.value === 'error' && s.t >= start)) {
    throw new Error(`the volume failed to load (data-status "error"); probe: ${describeProbe(p)}`);
  }
  return mprReadyMs(p);
}

/** Waits (polling the probe from Node) until `measure` gives a number; returns it. */
export async function waitForMeasure(page: Page, measure: (p: ProbeRecord) => number | null, what: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await readProbe(page);
    const value = measure(probe);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; probe: ${describeProbe(probe)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the page had reached when a wait timed out: marks, statuses and frames per viewport (with image / blank). */
function describeProbe(p: ProbeRecord): string {
  const frames = new Map<string, { image: number; blank: number }>();
  for (const r of p.renders) {
    const n = frames.get(r.id) ?? { image: 0, blank: 0 };
    if (r.image) n.image++;
    else n.blank++;
    frames.set(r.id, n);
  }
  const fmt = (t: number) => t.toFixed(0);
  return [
    `marks ${Object.entries(p.marks).map(([k, t]) => `${k}@${fmt(t)}`).join(' ')}`,
    `statuses ${p.statuses.map((s) => `${String(s.value)}@${fmt(s.t)}`).join(' ')}`,
    `frames ${[...frames].map(([id, n]) => `${id} ${n.image} image/${n.blank} blank`).join(', ')}`,
  ].join('; ');
}

/** Waits until no viewport has drawn for `quietMs` (streaming renders and crosshair redraws settle). */
export async function waitForRenderQuiet(page: Page, quietMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { renders } = await readProbe(page);
    const now = (await page.evaluate('performance.now()')) as number;
    const last = renders.at(-1)?.t ?? 0;
    if (now - last >= quietMs || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Frames drawn (all viewports) in the page-clock interval [from, to]: extra renders cost time on software WebGL. */
export function rendersBetween(p: ProbeRecord, from: number, to: number): number {
  return p.renders.filter((r) => r.t >= from && r.t <= to).length;
}
