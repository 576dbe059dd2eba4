// End to end: photos (dermoscopy JPEG from ../shared/data, the demo pathology PNG, a TIFF written here)
// and a NIfTI volume open in the same reader as DICOM. Pixels come through the host's /files/images/<id>
// and /files/volumes/<id> routes. The photo checks are independent of the app: the drawn image's aspect
// ratio and colours are compared with the JPEG decoded here by jpeg-js, and with the TIFF's colours
// known by construction. Screenshots: photo-*.png.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import * as UTIF from 'utif2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary } from '../../src-main/contract/schemas';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { canvasStats, settledCanvasStats, type CanvasStats } from './canvasPixels';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { countRenders, waitForRenderQuiet } from './renderCount';

const DERMOSCOPY = sharedData('dermoscopy', 'ISIC_0000000.jpg');
const PATHOLOGY_DEMO = path.join(repoRoot, 'resources', 'demo', 'studies', 'pathology', 'pathology_test_0001');
const NIFTI = sharedData('nifti', 'anatomical.nii');

/**
 * The TIFF photo: 240 × 160 (3:2), left half one colour, right half another. Browsers do not decode TIFF,
 * so the reader needs its own decoder; the colours checked below are the ones written here. The file name
 * ("retina…") makes it a fundus photo (the importer's path hints), the only fundus study of this store.
 */
const TIFF = { width: 240, height: 160, left: [200, 40, 40], right: [40, 80, 200] } as const;
const tiffDir = makeTempDir('e2e-photo-tiff');

function writeTiffPhoto(): string {
  const rgba = new Uint8Array(TIFF.width * TIFF.height * 4);
  for (let y = 0; y < TIFF.height; y++) {
    for (let x = 0; x < TIFF.width; x++) {
      const [r, g, b] = x < TIFF.width / 2 ? TIFF.left : TIFF.right;
      rgba.set([r, g, b, 255], (y * TIFF.width + x) * 4);
    }
  }
  const file = path.join(tiffDir.dir, 'tiff-photo', 'retina_halves.tif');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, new Uint8Array(UTIF.encodeImage(rgba, TIFF.width, TIFF.height)));
  return file;
}

let ws: OpenWorkstation;
let page: Page;
let studies: StudySummary[];

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `photo-${name}.png`) });

async function openStudyWithDomain(domain: string): Promise<void> {
  const study = studies.find((s) => s.domains.includes(domain as StudySummary['domains'][number]));
  if (!study) throw new Error(`no ${domain} study imported (domains: ${studies.map((s) => s.domains.join('/')).join(', ')})`);
  await page.locator('.list li', { hasText: study.patientName ?? study.patientId }).first().click();
}

/**
 * Mean R, G, B of the drawn image (the non-black pixels) as the page shows it, over the whole canvas or
 * over a rectangle of it (canvas pixels).
 */
function drawnMeanColour(rect?: { x: number; y: number; width: number; height: number }): Promise<[number, number, number]> {
  return page.evaluate((rect) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const canvas = doc.querySelector('[data-testid="viewport"] canvas') as {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const { x, y, width, height } = rect ?? { x: 0, y: 0, width: canvas.width, height: canvas.height };
    const { data } = canvas.getContext('2d').getImageData(x, y, width, height);
    let [sr, sg, sb, n] = [0, 0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      if (r + g + b <= 24) continue; // the black background around the photo
      sr += r;
      sg += g;
      sb += b;
      n++;
    }
    return [sr / n, sg / n, sb / n] as [number, number, number];
  }, rect);
}

/** The middle of one half of the drawn box (a margin away from the edges and the colour boundary). */
function halfOf(box: CanvasStats['box'], side: 'left' | 'right'): { x: number; y: number; width: number; height: number } {
  const x = box.x + Math.round(box.width * (side === 'left' ? 0.1 : 0.6));
  return { x, y: box.y + Math.round(box.height * 0.2), width: Math.round(box.width * 0.3), height: Math.round(box.height * 0.6) };
}

const canvasOf = (testId: string) => `[data-testid="${testId}"] canvas`;
const volumeStatus = () => page.locator('.volume-viewer').getAttribute('data-status');

beforeAll(async () => {
  ws = await openWorkstation({ name: 'photo', paths: [DERMOSCOPY, PATHOLOGY_DEMO, writeTiffPhoto(), NIFTI] });
  ({ page } = ws);
  ({ studies } = await ws.service.api.listStudies({}));
}, 180_000);

afterAll(async () => {
  await ws?.close();
  tiffDir.cleanup();
});

describe('photos and NIfTI volumes in the reader', () => {
  it('draws a dermoscopy JPEG in the stack viewer, unstretched and in its own colours', async () => {
    await openStudyWithDomain('skin');
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(20_000);
    const decoded = jpeg.decode(readFileSync(DERMOSCOPY), { useTArray: true });
    const { box } = await canvasStats(page);
    expect(Math.abs(box.width / box.height - decoded.width / decoded.height)).toBeLessThan(0.02);
    const expected = [0, 1, 2].map((c) => {
      let s = 0;
      for (let i = c; i < decoded.data.length; i += 4) s += decoded.data[i] ?? 0;
      return s / (decoded.width * decoded.height);
    });
    const drawn = await drawnMeanColour();
    for (const c of [0, 1, 2]) expect(Math.abs((drawn[c] ?? 0) - (expected[c] ?? 0)), `channel ${c}`).toBeLessThan(6);
    // Drawn in colour, not as grey: this test image is bluish, red and blue means stay far apart.
    expect(Math.abs((drawn[0] ?? 0) - (drawn[2] ?? 0))).toBeGreaterThan(20);
    await shot('01-dermoscopy');
  });

  it('measures on a photo in pixels (a photo has no pixel spacing)', async () => {
    await page.locator('[data-tool="length"]').click();
    const vp = await page.getByTestId('viewport').boundingBox();
    if (!vp) throw new Error('no viewport');
    const [x, y] = [vp.x + vp.width / 2 - 100, vp.y + vp.height / 2];
    await page.mouse.move(x, y);
    await page.waitForTimeout(150);
    await page.mouse.down();
    await page.mouse.move(x + 200, y, { steps: 10 });
    await page.waitForTimeout(300);
    await page.mouse.move(x + 200.01, y);
    await page.waitForTimeout(300);
    await page.mouse.up();
    await expect
      .poll(() => page.getByTestId('measurement-list').locator('li .value').first().innerText(), { timeout: 10_000 })
      .toMatch(/^\d+\.\d px$/);
    await shot('02-dermoscopy-length-px');
  });

  it('draws the demo pathology PNG', async () => {
    await openStudyWithDomain('pathology');
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(20_000);
    await shot('03-pathology-png');
  });

  it('draws a TIFF photo (no browser decodes TIFF) unstretched, in the colours of the file', async () => {
    await openStudyWithDomain('fundus');
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(20_000);
    const { box } = await canvasStats(page);
    expect(Math.abs(box.width / box.height - TIFF.width / TIFF.height)).toBeLessThan(0.02);
    const left = await drawnMeanColour(halfOf(box, 'left'));
    const right = await drawnMeanColour(halfOf(box, 'right'));
    TIFF.left.forEach((want, c) => expect(Math.abs((left[c] ?? 0) - want), `left half, channel ${c}`).toBeLessThan(6));
    TIFF.right.forEach((want, c) => expect(Math.abs((right[c] ?? 0) - want), `right half, channel ${c}`).toBeLessThan(6));
    await shot('05-tiff');
  });

  it('opens a NIfTI volume as MPR: three planes drawn', async () => {
    // anatomical.nii has no sidecar: domain "other".
    await openStudyWithDomain('other');
    await expect.poll(() => page.locator('.volume-viewer').getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    await shot('04-nifti-mpr');
    expect(await page.locator('[data-layout="stack"]').count()).toBe(0);
    for (const plane of ['axial', 'sagittal', 'coronal']) {
      await expect
        .poll(async () => (await canvasStats(page, `[data-testid="mpr-${plane}"] canvas`)).nonBlank, { timeout: 15_000 })
        .toBeGreaterThan(300);
    }
    // Orientation letters from each plane's camera (the NIfTI affine put into LPS).
    const letters = async (plane: string) =>
      Promise.all(['top', 'bottom', 'left', 'right'].map((side) => page.getByTestId(`mpr-${plane}-marker-${side}`).innerText()));
    expect(await letters('axial')).toEqual(['A', 'P', 'R', 'L']);
    expect(await letters('sagittal')).toEqual(['H', 'F', 'A', 'P']);
    expect(await letters('coronal')).toEqual(['H', 'F', 'R', 'L']);
    await shot('04-nifti-mpr');
    expect(ws.pageErrors).toEqual([]);
  });

  it('pages a NIfTI MPR plane with the wheel', async () => {
    const before = await canvasStats(page, canvasOf('mpr-sagittal'));
    await page.getByTestId('mpr-sagittal').hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await canvasStats(page, canvasOf('mpr-sagittal'))).checksum, { timeout: 10_000 }).not.toBe(before.checksum);
    // Still an image, not a plane paged off the volume.
    expect((await canvasStats(page, canvasOf('mpr-sagittal'))).nonBlank).toBeGreaterThan(300);
    await shot('06-nifti-sagittal-paged');
  }, 20_000);

  it('renders the NIfTI volume in 3D and turns it with a drag', async () => {
    await page.locator('[data-layout="3d"]').click();
    await expect.poll(volumeStatus, { timeout: 30_000 }).toBe('ready');
    await expect.poll(async () => (await canvasStats(page, canvasOf('volume-3d'))).nonBlank, { timeout: 20_000 }).toBeGreaterThan(2_000);
    await countRenders(page, 'volume-3d');
    const before = await settledCanvasStats(page, canvasOf('volume-3d'));
    await shot('07-nifti-3d');
    // The MR ramp sits on this volume's intensities (volumeTransferFunction.ts): the background is
    // transparent and tissue semi-opaque, so depth shows and part of the view stays dark. With
    // cornerstone's fixed MR-Default ramp the whole volume was opaque, a bright grey block: no pixel of
    // the viewport was that dark (measured on the screenshot: 0 %; now ≈ 20 %).
    expect(before.dark / (before.width * before.height)).toBeGreaterThan(0.1);
    const box = await page.getByTestId('volume-3d').boundingBox();
    if (!box) throw new Error('3D viewport not laid out');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    // One move event: each one is a full 3D frame (seconds on software WebGL).
    await page.mouse.move(x + 150, y + 40, { steps: 1 });
    await page.mouse.up();
    await expect.poll(async () => (await canvasStats(page, canvasOf('volume-3d'))).checksum, { timeout: 20_000 }).not.toBe(before.checksum);
    expect((await canvasStats(page, canvasOf('volume-3d'))).nonBlank).toBeGreaterThan(2_000);
    await shot('08-nifti-3d-turned');
    await waitForRenderQuiet(page, 'volume-3d', 5_000);
    expect(ws.pageErrors).toEqual([]);
  }, 60_000);
});
