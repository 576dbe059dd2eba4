// End to end: a drop bigger than one upload, in the BUILT renderer under the loopback browser host with
// its upload route capped at 2 files a request. The page asks the host for its limits, sends the five
// dropped files in three requests (a WFDB header and its signal file in the same one), and shows one
// report; the host ran three import jobs. Screenshot: test-results/e2e/upload-parts-01.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const START = path.join(repoRoot, 'resources', 'demo', 'studies', 'ecg');
const DROPPED = [
  sharedData('ct', 'CT_small.dcm'),
  sharedData('ecg', 'wfdb', '100.hea'),
  sharedData('ct', 'GH1308_ge_ct.dcm'),
  sharedData('ecg', 'wfdb', '100.dat'),
  sharedData('ct', 'CT1_UNC.explicit_little_endian.dcm'),
];

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ws = await openWorkstation({ name: 'upload-parts', paths: [START], uploadLimits: { maxFiles: 2 } });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('a drop bigger than one upload', () => {
  it('goes up in parts, keeps a WFDB record together, and is reported as one import', async () => {
    await expect.poll(() => page.locator('.list li').count(), { timeout: 20_000 }).toBe(1);
    const files = DROPPED.map((f) => ({ name: path.basename(f), base64: readFileSync(f).toString('base64') }));
    // A string expression: the test project has no DOM types, and the code runs in the page anyway.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      for (const f of ${JSON.stringify(files)}) {
        const binary = atob(f.base64);
        const data = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
        transfer.items.add(new File([data], f.name));
      }
      return transfer;
    })()`);
    await page.locator('.import').dispatchEvent('dragover', { dataTransfer });
    await page.locator('.import').dispatchEvent('drop', { dataTransfer });

    // Three CT objects and one WFDB record (its .dat is read through the .hea: not medical on its own).
    await expect.poll(() => page.locator('.import .report').innerText(), { timeout: 60_000 }).toMatch(/^Imported 4, skipped 0, rejected 0/);
    await expect.poll(() => page.locator('.list li').count()).toBe(5);
    const { studies } = await ws.service.api.listStudies({ modality: 'ECG' });
    expect(studies.map((s) => s.description)).toContain('WFDB record 100');

    // The host saw three uploads, and the WFDB pair arrived in one of them.
    const { entries } = await ws.service.api.auditLog({ limit: 50 });
    const uploads = entries.filter((e) => e.action === 'import' && (e.details as { source?: string }).source === 'upload');
    expect(uploads).toHaveLength(3);
    const names = uploads.map((e) => (e.details as { names: string[] }).names);
    expect(names.some((n) => n.includes('100.hea') && n.includes('100.dat'))).toBe(true);
    expect(names.flat().sort()).toEqual(DROPPED.map((f) => path.basename(f)).sort());
    await page.screenshot({ path: path.join(screenshotsDir, 'upload-parts-01.png') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
