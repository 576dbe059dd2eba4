// End to end: the BUILT renderer in Debian's Chromium, served by the loopback browser host over a
// temporary store holding a real CT series and a photo. Checks what a reader would: an image is drawn,
// the wheel scrolls, a drag windows, presets set exact numbers, pan and zoom move the image and Reset
// restores it. Screenshots go to test-results/e2e/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { canvasStats, settledCanvasStats } from './canvasPixels';

const screenshots = screenshotsDir;
const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
const PHOTO = sharedData('dermoscopy', 'ISIC_0000000.jpg');

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const sliceText = () => page.getByTestId('slice-info').innerText();
const windowText = () => page.getByTestId('window-info').innerText();
const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`) });

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'viewer',
    paths: [CT_SERIES, PHOTO],
  });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

interface OpeningRecord {
  firstImage: number | null;
  aiPanel: number | null;
  requests: { name: string; start: number }[];
}

/**
 * Records, on the page's clock, when the stack viewport first shows pixels (cornerstone's
 * IMAGE_RENDERED, caught in the capture phase: it does not bubble) and when the AI panel enters the DOM.
 */
function recordOpening(): Promise<void> {
  return page.evaluate(() => {
    // Runs in the page, but is type-checked with the Node project (no DOM lib): name just what it uses.
    interface El {
      closest(s: string): El | null;
      querySelector(s: string): { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null } | null;
    }
    const g = globalThis as unknown as {
      __opening: { firstImage: number | null; aiPanel: number | null };
      addEventListener(type: string, fn: (e: { target: El | null }) => void, capture: boolean): void;
      document: { querySelector(s: string): unknown; body: unknown };
      MutationObserver: new (fn: () => void) => { observe(node: unknown, opts: object): void };
      performance: { now(): number };
    };
    const opening = { firstImage: null as number | null, aiPanel: null as number | null };
    g.__opening = opening;
    g.addEventListener(
      'CORNERSTONE_IMAGE_RENDERED',
      (event) => {
        if (opening.firstImage !== null) return;
        const owner = event.target?.closest('[data-testid="viewport"]');
        const canvas = owner?.querySelector('canvas');
        const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!data) return;
        let lit = 0;
        for (let i = 0; i < data.length; i += 64) if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) > 24) lit++;
        if (lit >= 20) opening.firstImage = g.performance.now();
      },
      true,
    );
    new g.MutationObserver(() => {
      if (opening.aiPanel === null && g.document.querySelector('[data-testid="ai-panel"]')) opening.aiPanel = g.performance.now();
    }).observe(g.document.body, { childList: true, subtree: true });
  });
}

function readOpening(): Promise<OpeningRecord> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      __opening: { firstImage: number | null; aiPanel: number | null };
      performance: { getEntriesByType(t: string): { name: string; startTime: number }[] };
    };
    const requests = g.performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime }));
    return { ...g.__opening, requests };
  });
}

describe('stack viewer in the built app', () => {
  it('opens the CT study and draws the first slice', async () => {
    await recordOpening();
    await page.locator('.list li', { hasText: 'CT' }).first().click();
    await expect.poll(sliceText, { timeout: 30_000 }).toMatch(/^Im 1\/28\b/);
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(5_000);
    const stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(300);
    expect(await page.locator('.marker').allInnerTexts()).toEqual(expect.arrayContaining(['A', 'P', 'R', 'L']));
    await shot('01-ct-first-slice');
    expect(pageErrors).toEqual([]);
  });

  it('mounts the AI panel, and asks for its data and for same-patient studies, only after the first image', async () => {
    // They are not needed to see the image and used to slow it (docs/benchmarks.md, Viewer).
    await expect.poll(() => page.getByTestId('ai-panel').count(), { timeout: 20_000 }).toBe(1);
    // A resource-timing entry appears when its response has arrived, which on a loaded machine can be a
    // moment after the panel mounts: wait for both, then check when they were asked for.
    const isDeferred = (name: string): boolean => /\/api\/(getStudyReview|listModels)$/.test(name);
    await expect.poll(async () => (await readOpening()).requests.filter((r) => isDeferred(r.name)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    const opening = await readOpening();
    expect(opening.firstImage).not.toBeNull();
    expect(opening.aiPanel).toBeGreaterThan(opening.firstImage ?? Infinity);
    const deferred = opening.requests.filter((r) => isDeferred(r.name));
    expect(deferred.map((r) => r.name.replace(/.*\/api\//, '')).sort()).toEqual(['getStudyReview', 'listModels']);
    for (const r of deferred) expect(r.start, r.name).toBeGreaterThan(opening.firstImage ?? Infinity);
    // listStudies: once for the list at start-up, then the same-patient lookup after the image.
    const lists = opening.requests.filter((r) => r.name.endsWith('/api/listStudies'));
    expect(lists.at(-1)?.start).toBeGreaterThan(opening.firstImage ?? Infinity);
  });

  it('scrolls to another slice with the mouse wheel', async () => {
    const before = await canvasStats(page);
    const viewport = page.getByTestId('viewport');
    await viewport.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 100);
    await expect.poll(sliceText, { timeout: 20_000 }).not.toMatch(/^Im 1\/28\b/);
    expect(await sliceText()).toMatch(/^Im \d+\/28\b/);
    await expect.poll(async () => (await canvasStats(page)).checksum, { timeout: 20_000 }).not.toBe(before.checksum);
    await shot('02-ct-scrolled');
  });

  it('changes the window with a left drag', async () => {
    const before = { text: await windowText(), stats: await canvasStats(page) };
    const box = await page.getByTestId('viewport').boundingBox();
    if (!box) throw new Error('viewport not laid out');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y + 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(windowText, { timeout: 10_000 }).not.toBe(before.text);
    await expect.poll(async () => (await canvasStats(page)).checksum, { timeout: 10_000 }).not.toBe(before.stats.checksum);
    await shot('03-ct-window-dragged');
  });

  it('sets exact W/L from the presets', async () => {
    const expected: Record<string, string> = {
      brain: 'W 80 L 40',
      lung: 'W 1500 L -600',
      bone: 'W 1800 L 400',
      'soft-tissue': 'W 400 L 40',
      abdomen: 'W 400 L 60',
    };
    for (const [key, text] of Object.entries(expected)) {
      await page.locator(`[data-preset="${key}"]`).click();
      await expect.poll(windowText, { timeout: 10_000 }).toMatch(new RegExp(`^${text}$`, 'm'));
    }
    await page.locator('[data-preset="brain"]').click();
    await expect.poll(windowText).toMatch(/^W 80 L 40$/m);
    await shot('04-ct-brain-preset');
    // Keyboard: "2" is the second preset (lung), "i" inverts.
    await page.getByTestId('viewport').click();
    await page.keyboard.press('2');
    await expect.poll(windowText).toMatch(/^W 1500 L -600$/m);
    // Settled first, so a lung-preset frame still being drawn cannot pass for the inversion.
    const upright = await settledCanvasStats(page, '[data-testid="viewport"] canvas');
    await page.keyboard.press('i');
    await expect.poll(windowText).toMatch(/Inverted/);
    // The pixels invert too, not just the label.
    await expect.poll(async () => (await canvasStats(page)).checksum, { timeout: 10_000 }).not.toBe(upright.checksum);
    // Inverted lung window: air is white, so the whole image area is non-blank. 512×512 with square
    // pixels in a wide viewport must be drawn square, not stretched to the box.
    const { box, width } = await canvasStats(page);
    expect(box.width).toBeLessThan(width);
    expect(Math.abs(box.width - box.height) / box.height).toBeLessThan(0.02);
    await shot('05-ct-lung-inverted');
    expect(pageErrors).toEqual([]);
  });

  it('pans with Shift+drag, zooms with a right drag, and Reset restores the picture', async () => {
    await page.locator('[data-action="reset"]').click();
    await expect.poll(windowText).not.toMatch(/Inverted/);
    // The reset redraws the canvas after the overlay text changes: wait for a drawn picture that holds still.
    let previous = -1;
    await expect
      .poll(
        async () => {
          const now = await canvasStats(page);
          const settled = now.nonBlank > 5_000 && now.checksum === previous;
          previous = now.checksum;
          return settled;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const base = { text: await windowText(), stats: await canvasStats(page) };
    const canvasBox = await page.locator('[data-testid="viewport"] canvas').boundingBox();
    if (!canvasBox) throw new Error('viewport canvas not laid out');
    // Canvas pixels per CSS pixel (the drag is in CSS px, getImageData in canvas px).
    const scale = base.stats.width / canvasBox.width;
    const x = canvasBox.x + canvasBox.width / 2;
    const y = canvasBox.y + canvasBox.height / 2;

    // Pan: the drawn anatomy moves with the pointer, by the drag's own distance (zoom unchanged).
    const [dx, dy] = [-80, 50];
    await page.keyboard.down('Shift');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y + dy, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(async () => (await canvasStats(page)).box.x, { timeout: 10_000 }).not.toBe(base.stats.box.x);
    const panned = await canvasStats(page);
    expect(panned.box.x - base.stats.box.x).toBeCloseTo(dx * scale, -0.5);
    expect(panned.box.y - base.stats.box.y).toBeCloseTo(dy * scale, -0.5);
    expect(panned.box.width).toBeCloseTo(base.stats.box.width, -0.5);
    expect(await windowText()).toBe(base.text);
    await shot('06-ct-panned');

    // Zoom: a right drag scales the anatomy about the viewport centre (no windowing on that button).
    await page.mouse.move(x, y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(x, y + 200, { steps: 10 });
    await page.mouse.up({ button: 'right' });
    const sizeChange = async () => Math.abs((await canvasStats(page)).box.width / panned.box.width - 1);
    await expect.poll(sizeChange, { timeout: 10_000 }).toBeGreaterThan(0.1);
    expect(await windowText()).toBe(base.text);
    await shot('07-ct-zoomed');

    // Reset brings back the very same pixels.
    await page.locator('[data-action="reset"]').click();
    await expect.poll(async () => (await canvasStats(page)).checksum, { timeout: 10_000 }).toBe(base.stats.checksum);
    expect((await canvasStats(page)).box).toEqual(base.stats.box);
    expect(await windowText()).toBe(base.text);
    expect(pageErrors).toEqual([]);
  });
});
