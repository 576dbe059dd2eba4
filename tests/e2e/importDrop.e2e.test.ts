// End to end: importing by drag-and-drop and by the folder picker in the BUILT renderer under the
// loopback browser host (Debian's Chromium). A real `drop` event carrying a DataTransfer with a DICOM
// file from the shared corpus lands on the import panel; the page uploads the bytes (POST /api/upload),
// the host imports them, and the new study appears in the list with the report line. The same bytes
// dropped again are skipped. Then a folder is picked through the webkitdirectory input.
// Screenshots go to test-results/e2e/drop-*.png.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const START = path.join(repoRoot, 'resources', 'demo', 'studies', 'ecg');
const CT = sharedData('ct', 'GH1308_ge_ct.dcm');
const CT_SMALL_DIR = sharedData('ct', 'enhanced');

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const rows = () => page.locator('.list li');
const reportLine = () => page.locator('.import .report');

/** Dispatches dragover + drop on the import panel with a DataTransfer holding `bytes` as a File named `name`. */
async function dropFile(bytes: Buffer, name: string): Promise<void> {
  // A string expression: the test project has no DOM types, and the code runs in the page anyway.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const binary = atob(${JSON.stringify(bytes.toString('base64'))});
    const data = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], ${JSON.stringify(name)}));
    return transfer;
  })()`);
  await page.locator('.import').dispatchEvent('dragover', { dataTransfer });
  await page.locator('.import').dispatchEvent('drop', { dataTransfer });
}

beforeAll(async () => {
  ws = await openWorkstation({ name: 'import-drop', paths: [START] });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('import by drag-and-drop and folder picker in the browser host', () => {
  it('imports a dropped DICOM file and lists its study', async () => {
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(1);
    await dropFile(readFileSync(CT), 'GH1308_ge_ct.dcm');
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => reportLine().innerText(), { timeout: 10_000 }).toMatch(/^Imported 1, skipped 0, rejected 0/);
    // The new row is the CT study the store now holds (looked up in the store, not in the page).
    const { studies } = await ws.service.api.listStudies({ modality: 'CT' });
    expect(studies).toHaveLength(1);
    const title = studies[0]!.patientName ?? studies[0]!.patientId;
    expect(await page.locator('.list li strong').allInnerTexts()).toContain(title);
    await page.screenshot({ path: path.join(screenshotsDir, 'drop-01-imported.png') });
  }, 90_000);

  it('skips the same bytes dropped again under another name', async () => {
    await dropFile(readFileSync(CT), 'copy-of-ct.dcm');
    await expect.poll(() => reportLine().innerText(), { timeout: 30_000 }).toMatch(/^Imported 0, skipped 1, rejected 0/);
    expect(await rows().count()).toBe(2);
  }, 60_000);

  it('imports a folder picked with the folder input', async () => {
    const before = (await ws.service.api.listStudies({})).total;
    await page.locator('.import input.folder-input').setInputFiles(CT_SMALL_DIR);
    // Every file of the folder is accounted for: new, or (the folder holds re-encodings of one CT
    // instance, which the store keeps once) skipped; none rejected.
    const files = readdirSync(CT_SMALL_DIR).length;
    await expect.poll(() => reportLine().innerText(), { timeout: 60_000 }).toMatch(/^Imported \d+, skipped \d+, rejected 0/);
    const [, imported, skipped] = /^Imported (\d+), skipped (\d+)/.exec(await reportLine().innerText()) ?? [];
    expect(Number(imported)).toBeGreaterThan(0);
    expect(Number(imported) + Number(skipped)).toBe(files);
    const after = (await ws.service.api.listStudies({})).total;
    expect(after).toBeGreaterThan(before);
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(after);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
