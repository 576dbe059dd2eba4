// End to end: reading one patient's ECG and images side by side, and the keyboard-shortcut help. The CT
// phantom (Patient ID PLASTIC) and a copy of the DICOM 12-lead ECG whose Patient ID is rewritten to
// PLASTIC are two studies of one patient: opening the ECG study beside the CT shows both at once.
// Screenshots: reading-*.png.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AI_SHORTCUTS } from '../../src-renderer/src/ai/aiShortcuts';
import { ECG_SHORTCUTS } from '../../src-renderer/src/ecg/ecgShortcuts';
import { VIEWER_SHORTCUTS } from '../../src-renderer/src/viewer/viewerShortcuts';
import { sharedData } from '../helpers/sharedData';
import { canvasStats } from './canvasPixels';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
const ECG = sharedData('ecg', 'dicom', 'Example_12lead.dcm');

let ws: OpenWorkstation;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `reading-${name}.png`) });

/** The ECG file with its Patient ID (LO, 8 bytes padded) replaced in place by the CT's. */
function ecgOfCtPatient(dir: string): string {
  const bytes = readFileSync(ECG);
  const from = Buffer.from('SBJ-123 ', 'latin1');
  const at = bytes.indexOf(from);
  // Exactly one occurrence, as the value of (0010,0020) (implicit VR: tag, 4-byte length, value).
  expect(at).toBeGreaterThan(0);
  expect(bytes.indexOf(from, at + 1)).toBe(-1);
  expect([...bytes.subarray(at - 8, at - 4)]).toEqual([0x10, 0x00, 0x20, 0x00]);
  Buffer.from('PLASTIC ', 'latin1').copy(bytes, at);
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'ecg_plastic.dcm');
  writeFileSync(out, bytes);
  return out;
}

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'reading',
    paths: [CT_SERIES],
    prepare: async (_dataDir, tmpDir) => {
      ecgOfCtPatient(path.join(tmpDir, 'ecg'));
    },
  });
  ({ page } = ws);
  const report = await ws.service.api.importPaths({ paths: [path.join(ws.tmpDir, 'ecg')] });
  expect(report.rejected).toEqual([]);
  await page.reload();
}, 180_000);

afterAll(() => ws?.close());

describe('ECG and images of one patient side by side', () => {
  it('offers the other study of the same patient and opens its ECG beside the CT', async () => {
    await page.locator('.list li', { hasText: 'HEAD' }).first().click();
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(5_000);
    expect(await page.getByTestId('ecg-panel').count()).toBe(0);
    const others = page.getByTestId('same-patient-studies');
    await expect.poll(() => others.locator('button').count(), { timeout: 10_000 }).toBe(1);
    await page.locator('[data-action="toggle-list"]').click();
    await others.locator('button').click();
    const svg = page.locator('.ecg-viewer svg[aria-label="Electrocardiogram"]');
    await expect.poll(() => svg.count(), { timeout: 20_000 }).toBe(1);
    // Both on screen at once, next to each other (not stacked): the ECG starts right of the image and
    // their vertical extents overlap.
    const image = await page.getByTestId('viewport').boundingBox();
    const ecg = await page.getByTestId('ecg-panel').boundingBox();
    if (!image || !ecg) throw new Error('not laid out');
    expect(ecg.x).toBeGreaterThanOrEqual(image.x + image.width - 1);
    expect(ecg.y).toBeLessThan(image.y + image.height);
    expect(ecg.y + ecg.height).toBeGreaterThan(image.y);
    // The image is redrawn for its narrower box, still there.
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 10_000 }).toBeGreaterThan(1_000);
    await shot('01-ct-and-ecg');
  });

  it('shows the paired CT beside the ECG when the ECG study is the one opened', async () => {
    await page.locator('[data-action="toggle-list"]').click();
    // One patient (same Patient ID): the list tells the two studies apart by modality.
    await page.locator('.list li', { hasText: 'ECG' }).first().click();
    await expect.poll(() => page.locator('.ecg-viewer svg[aria-label="Electrocardiogram"]').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('viewport').count()).toBe(0);
    await page.getByTestId('same-patient-studies').locator('button').click();
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 30_000 }).toBeGreaterThan(1_000);
    const image = await page.getByTestId('viewport').boundingBox();
    const ecg = await page.getByTestId('ecg-panel').boundingBox();
    if (!image || !ecg) throw new Error('not laid out');
    expect(ecg.x).toBeGreaterThanOrEqual(image.x + image.width - 1);
    await shot('02-ecg-with-paired-ct');
  });
});

describe('keyboard shortcut help', () => {
  it('opens with "?" and lists every viewer, ECG and AI shortcut from the tables', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await expect.poll(() => help.count()).toBe(1);
    const groups: [string, readonly { description: string }[]][] = [
      ['Image viewer', VIEWER_SHORTCUTS],
      ['ECG reader', ECG_SHORTCUTS],
      ['AI read', AI_SHORTCUTS],
    ];
    for (const [title, table] of groups) {
      const text = await help.locator(`[data-group="${title}"]`).innerText();
      for (const s of table) expect(text, `${title}: ${s.description}`).toContain(s.description);
      expect(await help.locator(`[data-group="${title}"] dt`).count()).toBe(table.length);
    }
    await shot('03-shortcut-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    // The toolbar's "?" opens it too.
    await page.locator('[data-action="shortcut-help"]').click();
    await expect.poll(() => help.count()).toBe(1);
    await page.keyboard.press('?');
    await expect.poll(() => help.count()).toBe(0);
    expect(ws.pageErrors).toEqual([]);
  });
});
