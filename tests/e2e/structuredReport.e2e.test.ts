// End to end: a study that came with a DICOM SR (the TID 1500 measurement report of ../shared/data/sr)
// shows the report's content tree in the BUILT renderer under the loopback browser host — its title,
// a finding by its code meaning and a measurement with its unit, as DCMTK's dsrdump reads them — and
// the AI panel says the study holds no model input.
// Screenshot: test-results/e2e/sr-01-tid1500.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ws = await openWorkstation({ name: 'structured-report', paths: [sharedData('sr', 'sr_document_tid1500.dcm')] });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('structured report', () => {
  it('shows the content tree of a stored SR', async () => {
    await page.locator('.list li').first().click();
    const panel = page.getByTestId('sr-panel');
    await expect.poll(() => panel.locator('h3').innerText(), { timeout: 20_000 }).toBe('Structured report: Imaging Measurement Report');
    const text = await panel.innerText();
    expect(text).toContain('PARTIAL · UNVERIFIED');
    expect(text).toMatch(/contains\s+Finding: Spinal cord/);
    expect(text).toMatch(/contains\s+Area of defined region: 1\.7 cm2/);
    expect(text).toMatch(/has concept mod\s+Finding Site: Cervico-thoracic spine/);
    await panel.screenshot({ path: path.join(screenshotsDir, 'sr-01-tid1500.png') });
    // A report is not model input: the AI panel says so before anyone presses Run.
    await expect.poll(() => page.getByTestId('ai-no-input').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('ai-run').isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
