// End to end with the REAL shipped model: the BUILT renderer in Debian's Chromium over a store holding the
// demo studies (resources/demo), with the checkout's models/ as the bundled models folder, so the picker
// offers models/qoq-med-nano and the real inference process runs it (no scripted inference here; compare
// review.e2e.test.ts). The reader opens the demo dermoscopy study, runs the model with the panel's default
// settings (greedy decoding: the output is deterministic), watches the trace grow while it streams, and
// sees the model's box on the image with its IoU against the sidecar truth. The IoU and label F1 the UI
// shows must equal the trainer's reward functions (src-shared/rewards) computed HERE, in Node, on the same
// inputs: the finding's box from getStudyReview and the sidecar's mask/box/labels read from disk. The
// reader accepts the finding, reloads, finds it accepted, and the audit log has the run and the decision.
// Screenshots: test-results/e2e/realmodel-*.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import type { ReviewBox, StudyReview } from '../../src-main/contract/reviewSchemas';
import { f1Score, iouScore } from '../../src-shared/rewards';
import { repoRoot } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';
import { grewWhileStreaming, recordedTraceLengths, recordStreamingTraceLengths } from './traceGrowth';

const DEMO = path.join(repoRoot, 'resources', 'demo', 'studies');
const MODELS = path.join(repoRoot, 'models');
// The demo dermoscopy photo and its sidecar (labels, inclusive-pixel box, mask), as the lab wrote them.
const DOMAIN = 'skin';
const CASE = path.join(DEMO, DOMAIN, `${DOMAIN}_test_0001`);
interface Sidecar {
  labels: string[];
  boxes: { label: string; box: [number, number, number, number] }[];
  maskPath: string;
}
const SIDECAR = JSON.parse(readFileSync(path.join(CASE, `${DOMAIN}_test_0001.png.json`), 'utf8')) as Sidecar;
const MASK_PNG = PNG.sync.read(readFileSync(path.join(CASE, SIDECAR.maskPath)));
const MASK = {
  width: MASK_PNG.width,
  height: MASK_PNG.height,
  data: Uint8Array.from({ length: MASK_PNG.width * MASK_PNG.height }, (_, i) => (MASK_PNG.data[i * 4]! > 0 ? 1 : 0)),
};
const TRUTH_BOX = SIDECAR.boxes[0]!.box;
/** The trainer's IoU reward for one predicted box against this study's truth (mask first, else box). */
const rewardIou = (b: ReviewBox): number => iouScore([[b.x1, b.y1, b.x2, b.y2]], { mask: MASK, box: TRUTH_BOX });

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];
let studyId: number;

const status = () => page.getByTestId('ai-panel').getAttribute('data-status');
const decisions = () =>
  page.getByTestId('ai-finding').evaluateAll((rows) => rows.map((r) => `${r.querySelector('[data-testid=finding-label]')?.textContent}:${r.getAttribute('data-decision')}`));
const currentBoxes = () => page.locator('[data-testid=overlay-box][data-kind=current]');
const texts = async (testId: string) => (await page.getByTestId(testId).allTextContents()).map((t) => t.trim());
const fetchReview = (): Promise<StudyReview> => ws.service.api.getStudyReview({ studyId });

async function openStudy(): Promise<void> {
  await page.locator('.list li', { hasText: DOMAIN }).first().click();
  await expect.poll(() => page.getByTestId('ai-panel').isVisible(), { timeout: 20_000 }).toBe(true);
}

/** The reader's view: the image with the overlay, and the AI panel, each on its own and the whole page. */
async function screenshots(step: string): Promise<void> {
  await page.getByTestId('viewport').scrollIntoViewIfNeeded();
  await page.getByTestId('viewport').screenshot({ path: path.join(screenshotsDir, `realmodel-${step}-image.png`) });
  await page.getByTestId('ai-panel').screenshot({ path: path.join(screenshotsDir, `realmodel-${step}-panel.png`) });
  await page.screenshot({ path: path.join(screenshotsDir, `realmodel-${step}-page.png`), fullPage: true });
}

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'realmodel',
    paths: [DEMO],
    // The checkout's models/ is the bundled folder: the shipped qoq-med-nano and nothing else.
    service: () => ({ bundledModelsDir: MODELS }),
  });
  ({ page, pageErrors } = ws);
  const { studies } = await ws.service.api.listStudies({ domain: DOMAIN });
  expect(studies).toHaveLength(1);
  studyId = studies[0]!.id;
}, 120_000);

afterAll(() => ws?.close());

describe('a read with the real shipped model (qoq-med-nano) in the built app', () => {
  it('streams the trace, draws the model box on the lesion, and shows the reward IoU and F1', async () => {
    await openStudy();
    const picker = page.getByTestId('ai-model-picker');
    await expect.poll(() => picker.locator('option').allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringContaining('qoq-med-nano')]);

    // Default settings: the study description as clinical text, seed 0, 256 new tokens.
    await recordStreamingTraceLengths(page);
    await page.getByTestId('ai-run').click();
    await expect.poll(status, { timeout: 30_000, interval: 250 }).toBe('done');
    const lengths = await recordedTraceLengths(page);
    expect(grewWhileStreaming(lengths), `trace lengths seen while streaming: ${lengths.slice(0, 20).join(',')}`).toBe(true);
    expect(await page.getByTestId('ai-error').count()).toBe(0);
    expect(await page.getByTestId('ai-model-id').innerText()).toContain('qoq-med-nano');

    // What the model wrote, as stored: the UI shows this review.
    const review = await fetchReview();
    const analysis = review.analyses.at(-1)!.result;
    expect(analysis.model.name).toBe('qoq-med-nano');
    const boxed = review.findings.filter((f) => f.boxes.length > 0);
    expect(boxed.length, `the model wrote no box the overlay can draw:\n${analysis.raw}`).toBeGreaterThan(0);
    // The review's truth is the sidecar's (so "the same inputs" below really are the same).
    expect(review.groundTruth).toMatchObject({ source: 'sidecar', labels: SIDECAR.labels, boxes: [{ x1: TRUTH_BOX[0], y1: TRUTH_BOX[1], x2: TRUTH_BOX[2], y2: TRUTH_BOX[3] }] });
    expect(await decisions()).toEqual(review.findings.map((f) => `${f.label}:pending`));
    expect(await page.getByTestId('ai-answer').locator('.label').allInnerTexts()).toEqual(analysis.answer);

    // One drawn box per finding box, the truth box, and each box's IoU = the reward IoU (mask first).
    const boxes = boxed.flatMap((f) => f.boxes);
    await expect.poll(() => currentBoxes().count(), { timeout: 20_000 }).toBe(boxes.length);
    expect(await page.locator('[data-testid=overlay-box][data-kind=truth]').count()).toBe(1);
    const expectedIou = boxes.map((b) => `IoU ${rewardIou(b).toFixed(2)}`);
    await expect.poll(() => texts('overlay-iou'), { timeout: 10_000 }).toEqual(expectedIou); // SVG text: textContent
    expect(await texts('finding-iou')).toEqual(expectedIou);
    expect(await page.getByTestId('ai-overlay-notice').innerText()).toBe(RESEARCH_USE_NOTICE);

    // Label F1 of the answer vs the sidecar labels = the reward F1.
    const f1 = f1Score(analysis.answer, SIDECAR.labels).toFixed(2);
    expect(await page.getByTestId('ai-label-f1').innerText()).toMatch(new RegExp(`\\(dataset sidecar\\): ${f1.replace('.', '\\.')}$`));

    // The box sits on the lesion: on screen, each model box's centre lies inside the drawn truth box, and
    // the box lies inside the viewport.
    const truthOnScreen = (await page.locator('[data-testid=overlay-box][data-kind=truth]').boundingBox())!;
    const view = (await page.getByTestId('viewport').boundingBox())!;
    for (let i = 0; i < boxes.length; i++) {
      const b = (await currentBoxes().nth(i).boundingBox())!;
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2;
      expect(cx).toBeGreaterThan(truthOnScreen.x);
      expect(cx).toBeLessThan(truthOnScreen.x + truthOnScreen.width);
      expect(cy).toBeGreaterThan(truthOnScreen.y);
      expect(cy).toBeLessThan(truthOnScreen.y + truthOnScreen.height);
      expect(b.x).toBeGreaterThanOrEqual(view.x);
      expect(b.x + b.width).toBeLessThanOrEqual(view.x + view.width);
    }
    await screenshots('01-read');
    expect(pageErrors).toEqual([]);
  });

  it('accepts the finding; a reload shows it accepted; the audit log has the analysis and the decision', async () => {
    const before = await fetchReview();
    const finding = before.findings.find((f) => f.boxes.length > 0)!;
    const row = page.locator(`[data-testid=ai-finding][data-finding-id="${finding.id}"]`);
    await row.getByTestId('finding-accept').click();
    await expect.poll(() => row.getAttribute('data-decision'), { timeout: 10_000 }).toBe('accepted');

    await page.reload();
    await openStudy();
    await expect.poll(() => row.getAttribute('data-decision'), { timeout: 20_000 }).toBe('accepted');
    expect(await decisions()).toEqual(before.findings.map((f) => `${f.label}:${f.id === finding.id ? 'accepted' : 'pending'}`));
    const boxes = before.findings.flatMap((f) => f.boxes);
    await expect.poll(() => currentBoxes().count(), { timeout: 20_000 }).toBe(boxes.length);
    await expect.poll(() => texts('overlay-iou'), { timeout: 10_000 }).toEqual(boxes.map((b) => `IoU ${rewardIou(b).toFixed(2)}`));
    const after = await fetchReview();
    expect(after.findings.find((f) => f.id === finding.id)).toMatchObject({ decision: 'accepted', decidedBy: 'e2e', boxes: finding.boxes, label: finding.label });
    await screenshots('02-accepted-after-reload');

    const log = await ws.service.api.auditLog({ limit: 1000 });
    expect(log.verification.ok).toBe(true);
    const actions = log.entries.map((e) => e.action);
    for (const action of ['model.run', 'analysis.stored', 'finding.accepted']) expect(actions).toContain(action);
    expect(log.entries.find((e) => e.action === 'analysis.stored')!.details).toMatchObject({ studyId, model: { name: 'qoq-med-nano' } });
    const accepted = log.entries.find((e) => e.action === 'finding.accepted')!;
    expect(accepted).toMatchObject({ actor: 'e2e', objectType: 'finding', objectId: String(finding.id) });
    expect(accepted.details).toMatchObject({ studyId, before: { decision: 'pending' }, after: { decision: 'accepted' } });
    expect(pageErrors).toEqual([]);
  });
});
