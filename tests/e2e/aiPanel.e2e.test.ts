// End to end: the AI panel of the BUILT renderer in Debian's Chromium, over a temporary store holding a
// CT series and a randomly initialised test model package (meaningless output, real pipeline). Checks
// what a reader sees: verified and refused models, the reasoning streaming in, the research-use notice
// and provenance on the result, and Cancel ending a long run. Screenshots go to test-results/e2e/ai-*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import type { ModelManifest } from '../../src-main/ml/package/modelManifest';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index';
import { sharedData } from '../helpers/sharedData';
import { grewWhileStreaming, recordedTraceLengths, recordStreamingTraceLengths } from './traceGrowth';

const screenshots = screenshotsDir;
const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');

let ws: OpenWorkstation;
let page: Page;
let manifest: ModelManifest;
let pageErrors: string[] = [];

const status = () => page.getByTestId('ai-panel').getAttribute('data-status');
const traceLength = async () => (await page.getByTestId('ai-trace').textContent())?.length ?? 0;
const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `ai-${name}.png`), fullPage: true });

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'ai',
    paths: [CT_SERIES],
    prepare: async (dataDir) => {
      // Wider and deeper than the default tiny decoder so a 4096-token run takes tens of seconds, not the
      // 3–4 s of the default: with the tiny one a loaded CI machine let the run finish before Cancel landed.
      manifest = await buildRandomTestPackage(path.join(dataDir, 'models', 'random-test'), {
        seed: 7,
        decoder: { hiddenSize: 256, numLayers: 4, intermediateSize: 768 },
      });
      // A package whose manifest is unreadable: the picker must list it as refused, with the reason.
      mkdirSync(path.join(dataDir, 'models', 'broken-package'), { recursive: true });
      writeFileSync(path.join(dataDir, 'models', 'broken-package', 'manifest.json'), '{}');
    },
    // A folder that does not exist, so the checkout's models/ cannot change what this test sees.
    service: (tmpDir) => ({ bundledModelsDir: path.join(tmpDir, 'no-bundled-models') }),
  });
  ({ page, pageErrors } = ws);
}, 120_000);

afterAll(() => ws?.close());

describe('AI panel in the built app', () => {
  it('offers the verified model and names the refused one with its reason', async () => {
    await page.locator('.list li', { hasText: 'CT' }).first().click();
    const picker = page.getByTestId('ai-model-picker');
    await expect.poll(() => picker.locator('option').allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringContaining(manifest.name)]);
    await expect.poll(() => page.getByTestId('ai-refused-models').innerText()).toMatch(/broken-package refused: \S+/);
    expect(await page.getByTestId('ai-notice').count()).toBe(0); // no AI output yet, so no notice either
    expect(await status()).toBe('idle');
  });

  it('streams the reasoning, then shows answer, findings, provenance and the notice', async () => {
    await page.getByTestId('ai-panel').locator('summary').click();
    await page.getByTestId('ai-max-tokens').fill('160');
    // The result replaces the stream at the end, so growth can only be seen during the run.
    await recordStreamingTraceLengths(page);
    await page.getByTestId('ai-run').click();
    await expect.poll(status, { timeout: 5_000 }).toMatch(/running|done/);
    await expect.poll(status, { timeout: 60_000, interval: 250 }).toBe('done');
    const lengths = await recordedTraceLengths(page);
    expect(grewWhileStreaming(lengths), `trace lengths seen while streaming: ${lengths.slice(0, 20).join(',')}`).toBe(true);

    expect(await page.getByTestId('ai-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    expect(await page.getByTestId('ai-model-id').innerText()).toContain(`${manifest.name}@${manifest.version}`);
    await expect.poll(() => page.getByTestId('ai-answer').isVisible()).toBe(true);
    expect((await page.getByTestId('ai-findings').count()) + (await page.getByTestId('ai-no-findings').count())).toBe(1);
    expect(await page.getByTestId('ai-error').count()).toBe(0);
    await page.getByTestId('ai-panel').scrollIntoViewIfNeeded();
    await shot('01-done');
    await page.getByTestId('ai-panel').screenshot({ path: path.join(screenshots, 'ai-02-panel-done.png') });
    expect(pageErrors).toEqual([]);
  });

  it('cancels a long run started with the m shortcut', async () => {
    await page.getByTestId('ai-max-tokens').fill('4096');
    await page.getByTestId('ai-seed').fill('5');
    // The shortcut must not fire while typing: focus the panel heading, not a field, before pressing it.
    await page.getByTestId('ai-panel').locator('h3').click();
    await page.keyboard.press('m');
    await expect.poll(status, { timeout: 5_000 }).toBe('running');
    await expect.poll(traceLength, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    // Cancel at once: even the widened random model writes its ~2900 tokens in under a minute, so anything
    // slow here (a screenshot of a re-rendering panel took seconds on CI) eats into that margin.
    // Dispatched rather than clicked: while tokens stream the panel re-renders every few ms, and on a loaded
    // CI machine Playwright's "element is stable" wait can outlast the run. What is tested is the cancel.
    await page.getByTestId('ai-cancel').dispatchEvent('click');
    await expect.poll(status, { timeout: 30_000 }).toBe('cancelled');
    expect(await page.getByTestId('ai-status').innerText()).toBe('Cancelled');
    expect(await page.getByTestId('ai-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    expect(await page.getByTestId('ai-cancel').count()).toBe(0);
    await page.getByTestId('ai-panel').screenshot({ path: path.join(screenshots, 'ai-04-cancelled.png') });
    expect(pageErrors).toEqual([]);
  });
});
