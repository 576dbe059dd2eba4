// End to end: the MPR and 3D layouts of the built app in Debian's Chromium (software WebGL), over a
// temporary store holding the 28-slice, 5 mm head CT phantom. Checks what a reader would: all three
// planes are drawn, the reformatted planes keep the real slice spacing (a 140 mm tall sagittal image,
// not one stretched to square), the wheel pages the sagittal plane, a left drag moves the crosshairs
// (the other planes change slice), and the 3D rendering appears, turns with a drag and takes
// another of CT's rendering presets. Screenshots go to test-results/e2e/mpr-*.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { canvasStats, settledCanvasStats } from './canvasPixels';
import { countRenders, waitForRenderQuiet } from './renderCount';

const screenshots = screenshotsDir;
const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
/** The series' geometry (from its headers): 28 slices 5 mm apart, 512 columns of 0.451171875 mm. */
const SAGITTAL_HEIGHT_MM = 28 * 5;
const SAGITTAL_WIDTH_MM = 512 * 0.451171875;

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const canvasOf = (testId: string) => `[data-testid="${testId}"] canvas`;
const stats = (testId: string) => canvasStats(page, canvasOf(testId));
const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `mpr-${name}.png`) });
const settledStats = (testId: string) => settledCanvasStats(page, canvasOf(testId));
const volumeStatus = () => page.locator('.volume-viewer').getAttribute('data-status');

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'mpr',
    paths: [CT_SERIES],
  });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('MPR and 3D layouts in the built app', () => {
  it('draws axial, sagittal and coronal planes of one volume', async () => {
    // The series opens as a stack first; the layout switch replaces it.
    await page.locator('.list li', { hasText: 'CT' }).first().click();
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(5_000);
    await page.locator('[data-layout="mpr"]').click();
    await expect.poll(volumeStatus, { timeout: 30_000 }).toBe('ready');
    for (const plane of ['axial', 'sagittal', 'coronal']) {
      await expect.poll(async () => (await stats(`mpr-${plane}`)).nonBlank, { timeout: 10_000 }).toBeGreaterThan(2_000);
    }
    await shot('01-planes');
    expect(pageErrors).toEqual([]);
  }, 45_000);

  it('keeps the slice spacing: the sagittal image is 140 mm tall, not stretched to square', async () => {
    // With a lung window air is grey, so the whole reformatted slab is non-blank and its bounding box
    // is the image's extent on screen.
    await page.locator('[data-preset="lung"]').click();
    await expect.poll(() => page.getByTestId('mpr-window').innerText()).toBe('W 1500 L -600');
    await expect.poll(async () => (await stats('mpr-coronal')).nonBlank, { timeout: 10_000 }).toBeGreaterThan(20_000);
    const { box, height } = await stats('mpr-sagittal');
    const expected = SAGITTAL_HEIGHT_MM / SAGITTAL_WIDTH_MM; // ≈ 0.61; square would be 1
    expect(box.height / box.width).toBeGreaterThan(expected - 0.06);
    expect(box.height / box.width).toBeLessThan(expected + 0.06);
    expect(box.height).toBeLessThan(height);
    await shot('02-lung-window');
  }, 20_000);

  it('pages the sagittal plane with the wheel', async () => {
    const before = await stats('mpr-sagittal');
    await page.getByTestId('mpr-sagittal').hover();
    for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await stats('mpr-sagittal')).checksum, { timeout: 10_000 }).not.toBe(before.checksum);
    await shot('03-sagittal-scrolled');
  }, 20_000);

  it('windows all three planes together with Alt+drag in one', async () => {
    const before = { text: await page.getByTestId('mpr-window').innerText(), sagittal: await stats('mpr-sagittal') };
    const box = await page.getByTestId('mpr-axial').boundingBox();
    if (!box) throw new Error('axial viewport not laid out');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.keyboard.down('Alt');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y + 60, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await expect.poll(() => page.getByTestId('mpr-window').innerText()).not.toBe(before.text);
    await expect.poll(async () => (await stats('mpr-sagittal')).checksum, { timeout: 10_000 }).not.toBe(before.sagittal.checksum);
    await shot('04-window-synced');
  }, 20_000);

  it('moves the crosshairs with a left drag in the axial plane: the other two planes change slice', async () => {
    const lines = () =>
      page.locator('[data-testid="mpr-axial"] svg line').evaluateAll((els) =>
        els.map((el) => ['x1', 'y1', 'x2', 'y2'].map((a) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute(a)).join(',')),
      );
    const before = { axial: await settledStats('mpr-axial'), sagittal: await settledStats('mpr-sagittal'), coronal: await settledStats('mpr-coronal'), lines: await lines(), window: await page.getByTestId('mpr-window').innerText() };
    expect(before.lines.length).toBeGreaterThan(0);
    const box = await page.getByTestId('mpr-axial').boundingBox();
    if (!box) throw new Error('axial viewport not laid out');
    // Off the lines' crossing in both directions, so both the sagittal (x) and the coronal (y) cut move.
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + box.width / 6, y + box.height / 8, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await stats('mpr-sagittal')).checksum, { timeout: 10_000 }).not.toBe(before.sagittal.checksum);
    await expect.poll(async () => (await stats('mpr-coronal')).checksum, { timeout: 10_000 }).not.toBe(before.coronal.checksum);
    // The crosshair lines drawn over the axial plane moved with the pointer…
    expect(await lines()).not.toEqual(before.lines);
    // …while the axial image itself stays put: the drag neither windowed nor panned it.
    expect((await settledStats('mpr-axial')).checksum).toBe(before.axial.checksum);
    expect(await page.getByTestId('mpr-window').innerText()).toBe(before.window);
    await shot('05-crosshairs-moved');
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('renders the volume in 3D and rotates it with a drag', async () => {
    await page.locator('[data-layout="3d"]').click();
    await expect.poll(volumeStatus, { timeout: 30_000 }).toBe('ready');
    await expect.poll(async () => (await stats('volume-3d')).nonBlank, { timeout: 20_000 }).toBeGreaterThan(2_000);
    await countRenders(page, 'volume-3d');
    const before = await settledStats('volume-3d');
    await shot('06-3d');
    const box = await page.getByTestId('volume-3d').boundingBox();
    if (!box) throw new Error('3D viewport not laid out');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    // One move event: each one is a full 3D frame (seconds on software WebGL).
    await page.mouse.move(x + 150, y + 40, { steps: 1 });
    await page.mouse.up();
    await expect.poll(async () => (await stats('volume-3d')).checksum, { timeout: 20_000 }).not.toBe(before.checksum);
    await shot('07-3d-rotated');
    await waitForRenderQuiet(page, 'volume-3d', 5_000);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('offers CT rendering presets in 3D and redraws the volume with the one chosen', async () => {
    const attribute = (selector: string) =>
      page.locator(selector).evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('data-preset')));
    const highlighted = () => attribute('[data-testid="volume-presets"] button.active');
    const keys = await attribute('[data-testid="volume-presets"] button');
    expect(keys).toEqual(expect.arrayContaining(['CT-Bone', 'CT-Soft-Tissue', 'CT-Lung', 'CT-MIP']));
    expect(keys.every((k) => k?.startsWith('CT-'))).toBe(true);
    expect(await highlighted()).toEqual(['CT-Bone']);
    const before = await settledStats('volume-3d');
    // CT-Soft-Tissue is opaque from −160 HU and white; CT-Bone ramps up from −16 HU to 640 HU, flesh-coloured.
    await page.locator('[data-testid="volume-presets"] [data-preset="CT-Soft-Tissue"]').click();
    await expect.poll(highlighted).toEqual(['CT-Soft-Tissue']);
    await expect.poll(async () => (await stats('volume-3d')).checksum, { timeout: 20_000 }).not.toBe(before.checksum);
    const after = await settledStats('volume-3d');
    expect(after.checksum).not.toBe(before.checksum);
    await shot('08-3d-soft-tissue');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('returns to the stack, leaving no volume viewport behind', async () => {
    await page.locator('[data-layout="stack"]').click();
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 20_000 }).toBeGreaterThan(5_000);
    expect(await page.locator('.volume-viewer').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
