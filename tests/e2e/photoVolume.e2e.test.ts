// End to end: photos (dermoscopy JPEG from ../shared/data, the demo pathology PNG) and a NIfTI volume
// open in the same reader as DICOM. Pixels come through the host's /files/images/<id> and
// /files/volumes/<id> routes. The photo check is independent of the app: the drawn image's aspect ratio
// and mean colour are compared with the file decoded here by jpeg-js. Screenshots: photo-*.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary } from '../../src-main/contract/schemas';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { canvasStats } from './canvasPixels';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const DERMOSCOPY = sharedData('dermoscopy', 'ISIC_0000000.jpg');
const PATHOLOGY_DEMO = path.join(repoRoot, 'resources', 'demo', 'studies', 'pathology', 'pathology_test_0001');
const NIFTI = sharedData('nifti', 'anatomical.nii');

let ws: OpenWorkstation;
let page: Page;
let studies: StudySummary[];

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `photo-${name}.png`) });

async function openStudyWithDomain(domain: string): Promise<void> {
  const study = studies.find((s) => s.domains.includes(domain as StudySummary['domains'][number]));
  if (!study) throw new Error(`no ${domain} study imported (domains: ${studies.map((s) => s.domains.join('/')).join(', ')})`);
  await page.locator('.list li', { hasText: study.patientName ?? study.patientId }).first().click();
}

/** Mean R, G, B of the drawn image (inside the non-black box) as the page shows it. */
function drawnMeanColour(): Promise<[number, number, number]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const canvas = doc.querySelector('[data-testid="viewport"] canvas') as {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
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
  });
}

beforeAll(async () => {
  ws = await openWorkstation({ name: 'photo', paths: [DERMOSCOPY, PATHOLOGY_DEMO, NIFTI] });
  ({ page } = ws);
  ({ studies } = await ws.service.api.listStudies({}));
}, 180_000);

afterAll(() => ws?.close());

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
});
