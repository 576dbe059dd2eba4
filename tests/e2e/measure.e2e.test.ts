// End to end: the measurement tools of the stack viewer in the built app (Debian's Chromium, software
// WebGL) on the 28-slice head CT phantom. Every expected number is computed here, independently of the
// app: where the 512² image lies on screen (from the drawn pixels), hence mm per screen pixel from the
// file's pixel spacing; the angle from the clicked points; the ROI mean/SD from the file's own pixels
// (dicom-parser + rescale). Screenshots go to test-results/e2e/measure-*.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { canvasStats } from './canvasPixels';
import { ctSliceAtZ, ellipseStats, readCtSlice } from './ctSliceReference';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
const ONE_SLICE = readCtSlice(path.join(CT_SERIES, 'I10.dcm'));

let ws: OpenWorkstation;
let page: Page;
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Where the image's 512×512 pixels lie within the viewport's canvas, in CSS px. */
let imageInCanvas: Box;

async function canvasBox(): Promise<Box> {
  const box = await page.getByTestId('viewport').locator('canvas').first().boundingBox();
  if (!box) throw new Error('no canvas');
  return box;
}

/** Where the image lies on the page now (the page scrolls as the measurement list grows). */
async function imageBox(): Promise<Box> {
  const canvas = await canvasBox();
  return { ...imageInCanvas, x: canvas.x + imageInCanvas.x, y: canvas.y + imageInCanvas.y };
}

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `measure-${name}.png`) });
const rows = () => page.getByTestId('measurement-list').locator('li');
const rowText = (kind: string) => page.getByTestId('measurement-list').locator(`li[data-kind="${kind}"] .value`).first().innerText();
const focusViewer = () => page.locator('.stack-viewer').focus();
const toolPressed = (tool: string) => page.locator(`[data-tool="${tool}"]`).getAttribute('aria-pressed');
/** mm per CSS px along the image's rows, from the file's column spacing and the drawn width. */
const mmPerCssPx = () => (ONE_SLICE.columns * ONE_SLICE.pixelSpacing[1]) / imageInCanvas.width;

/**
 * A drag the way a hand does it: cornerstone handles mouse moves on animation frames, and on software
 * WebGL a frame takes long enough that a burst of moves ends before the last one is applied. So the
 * pointer rests at each end before the button changes.
 */
async function drag(from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 12 });
  await page.waitForTimeout(300);
  await page.mouse.move(to[0] + 0.01, to[1] + 0.01);
  await page.waitForTimeout(300);
  await page.mouse.up();
}

beforeAll(async () => {
  ws = await openWorkstation({ name: 'measure', paths: [CT_SERIES] });
  ({ page } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('measurement tools on the stack viewport', () => {
  it('finds where the image is drawn (inverted lung window lights the whole 512² field)', async () => {
    await page.locator('.list li', { hasText: 'CT' }).first().click();
    await expect.poll(() => page.getByTestId('slice-info').innerText(), { timeout: 30_000 }).toMatch(/^Im 1\/28\b/);
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(5_000);
    await page.locator('[data-preset="lung"]').click();
    await focusViewer();
    await page.keyboard.press('i');
    await expect.poll(() => page.getByTestId('window-info').innerText()).toMatch(/Inverted/);
    const stats = await canvasStats(page);
    const k = (await canvasBox()).width / stats.width;
    imageInCanvas = { x: stats.box.x * k, y: stats.box.y * k, width: stats.box.width * k, height: stats.box.height * k };
    expect(Math.abs(imageInCanvas.width - imageInCanvas.height)).toBeLessThan(2);
    expect(imageInCanvas.width).toBeGreaterThan(300);
    await page.keyboard.press('i');
    await expect.poll(() => page.getByTestId('window-info').innerText()).not.toMatch(/Inverted/);
  });

  it('reports a length in mm equal to the screen distance × pixel spacing / zoom', async () => {
    await page.locator('[data-tool="length"]').click();
    expect(await toolPressed('length')).toBe('true');
    const image = await imageBox();
    const from: [number, number] = [image.x + 0.3 * image.width, image.y + 0.7 * image.height];
    const to: [number, number] = [image.x + 0.75 * image.width, image.y + 0.45 * image.height];
    const window = await page.getByTestId('window-info').innerText();
    await drag(from, to);
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(1);
    const expected = Math.hypot(to[0] - from[0], to[1] - from[1]) * mmPerCssPx();
    const text = await rowText('length');
    expect(text).toMatch(/^\d+\.\d mm$/);
    expect(Math.abs(Number.parseFloat(text) - expected) / expected).toBeLessThan(0.01);
    // The drag drew a line instead of windowing: the window is unchanged.
    expect(await page.getByTestId('window-info').innerText()).toBe(window);
    await shot('01-length');
  });

  it('reports an angle in degrees (tool chosen with the A key)', async () => {
    await focusViewer();
    await page.keyboard.press('a');
    expect(await toolPressed('angle')).toBe('true');
    const image = await imageBox();
    const vertex: [number, number] = [image.x + 0.5 * image.width, image.y + 0.3 * image.height];
    const first: [number, number] = [vertex[0] - 120, vertex[1] + 20];
    const third: [number, number] = [vertex[0] + 60, vertex[1] + 110];
    // First arm by dragging, third point by moving and clicking (cornerstone's angle interaction).
    await drag(first, vertex);
    await page.mouse.move(...third, { steps: 8 });
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('measurement-list').locator('li[data-kind="angle"]').count(), { timeout: 10_000 }).toBe(1);
    const a = [first[0] - vertex[0], first[1] - vertex[1]];
    const b = [third[0] - vertex[0], third[1] - vertex[1]];
    const expected = (Math.acos((a[0]! * b[0]! + a[1]! * b[1]!) / (Math.hypot(a[0]!, a[1]!) * Math.hypot(b[0]!, b[1]!))) * 180) / Math.PI;
    const text = await rowText('angle');
    expect(text).toMatch(/^\d+\.\d°$/);
    expect(Math.abs(Number.parseFloat(text) - expected)).toBeLessThan(1);
    await shot('02-angle');
  });

  it('reports an ellipse ROI with area in mm² and mean/SD in HU equal to the file\'s pixels', async () => {
    await focusViewer();
    await page.keyboard.press('e');
    expect(await toolPressed('ellipse')).toBe('true');
    const image = await imageBox();
    // Centre in the air inside the phantom's shell; dragged out to the semi-axes.
    const centre: [number, number] = [image.x + 0.5 * image.width, image.y + 0.55 * image.height];
    const [rx, ry] = [50, 32];
    await drag(centre, [centre[0] + rx, centre[1] + ry]);
    await expect.poll(() => page.getByTestId('measurement-list').locator('li[data-kind="ellipse"]').count(), { timeout: 10_000 }).toBe(1);
    const text = await rowText('ellipse');
    const m = /^Area ([\d.]+) mm² · Mean (-?[\d.]+) HU · SD ([\d.]+) HU$/.exec(text);
    expect(m, text).not.toBeNull();
    const [area, mean, sd] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];

    const z = Number(/Z (-?[\d.]+) mm/.exec(await page.getByTestId('slice-info').innerText())?.[1]);
    const slice = ctSliceAtZ(CT_SERIES, z);
    const pxPerCss = slice.columns / image.width;
    const expected = ellipseStats(slice, (centre[0] - image.x) * pxPerCss, (centre[1] - image.y) * pxPerCss, rx * pxPerCss, ry * pxPerCss);
    expect(expected.n).toBeGreaterThan(500);
    expect(expected.mean).toBeLessThan(-900); // air: the expected value is a real HU value, not raw storage
    expect(Math.abs(mean - expected.mean)).toBeLessThan(2);
    expect(Math.abs(sd - expected.sd)).toBeLessThan(Math.max(1, 0.15 * expected.sd));
    const expectedArea = Math.PI * rx * ry * mmPerCssPx() ** 2;
    expect(Math.abs(area - expectedArea) / expectedArea).toBeLessThan(0.03);
    await shot('03-ellipse-roi');
  });

  it('goes back to window/level with W and deletes all measurements with Delete', async () => {
    await focusViewer();
    await page.keyboard.press('w');
    expect(await toolPressed('window')).toBe('true');
    expect(await rows().count()).toBe(3);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('measurement-list').count()).toBe(0);
    expect(ws.pageErrors).toEqual([]);
  });
});
