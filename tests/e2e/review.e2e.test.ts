// End to end: reviewing AI findings in the BUILT renderer in Debian's Chromium. The store holds the demo
// dermoscopy study (a photo whose sidecar gives ground truth: label, box, mask). The model package is a
// random test package, but its inference process is scripted (tests/helpers/scriptedInference): a random
// model practically never writes valid boxes, and this test is about what happens to findings WITH boxes.
// Everything after the model — interpretation, storing, the review UI, the overlay — is the real thing.
// The reader runs the model, sees the boxes with their IoU against the sidecar truth on the image, drags
// one box (saved as edited), rejects a finding, adds one, reloads the page and finds the reviewed state,
// and every action is in the verified audit log. With the blinded-first-read setting on, a study not yet
// analysed asks for the reader's impression before the model may run. The reviewed study is then exported
// from the panel (PDF + DICOM SR + FHIR, as is and de-identified) and the written files are checked here
// by the external validators (dsrdump, dciodvfy, pdftotext, the FHIR R4 schema), each audited.
// Screenshots: test-results/e2e/review-*.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESEARCH_USE_NOTICE } from '../../src-main/contract/schemas';
import { iouScore } from '../../src-main/ml/rewards';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index';
import { EXPORTS_FOLDER } from '../../src-main/services/exportStudies';
import { sha256Hex } from '../../src-main/util/sha256';
import { dciodvfy, dsrdump, fhirErrors, pdfPages } from '../helpers/exportValidators';
import { repoRoot } from '../helpers/sharedData';
import { protocolAnswer, scriptedInference } from '../helpers/scriptedInference';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const SKIN = path.join(repoRoot, 'resources', 'demo', 'studies', 'skin');
const FUNDUS = path.join(repoRoot, 'resources', 'demo', 'studies', 'fundus');
const CXR = path.join(repoRoot, 'resources', 'demo', 'studies', 'cxr');
// Truth (sidecar): melanoma, box [46,76,181,183] and a mask. The AI's melanoma box overlaps the lesion,
// its nevus box lies far off (IoU 0), and its answer scores label F1 2/3. The IoU the UI shows must be
// the trainer's reward IoU (mask first) computed here in Node from the same mask file.
const MASK = PNG.sync.read(readFileSync(path.join(SKIN, 'skin_test_0001', 'skin_test_0001_mask.png')));
const maskData = Uint8Array.from({ length: MASK.width * MASK.height }, (_, i) => (MASK.data[i * 4]! > 0 ? 1 : 0));
const rewardIou = (box: [number, number, number, number]) =>
  iouScore([box], { mask: { width: MASK.width, height: MASK.height, data: maskData }, box: [46, 76, 181, 183] }).toFixed(2);
const ANSWER = protocolAnswer([
  { label: 'melanoma', box: [40, 70, 180, 180] },
  { label: 'nevus', box: [200, 20, 240, 60] },
]);
// A model hash the exports must carry (the PDF prints it in full).
const MODEL = { name: 'scripted-review', version: '1', sha256: sha256Hex(new TextEncoder().encode('review e2e model')) };

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `review-${name}.png`), fullPage: true });
const row = (label: string) => page.getByTestId('ai-finding').filter({ has: page.getByTestId('finding-label').getByText(label, { exact: true }) });
const decisions = () => page.getByTestId('ai-finding').evaluateAll((rows) => rows.map((r) => `${r.querySelector('[data-testid=finding-label]')?.textContent}:${r.getAttribute('data-decision')}`));
const currentBoxes = () => page.locator('[data-testid=overlay-box][data-kind=current]');

async function openSkinStudy(): Promise<void> {
  await page.locator('.list li', { hasText: 'skin' }).first().click();
  await expect.poll(() => page.getByTestId('ai-panel').isVisible(), { timeout: 20_000 }).toBe(true);
}

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'review',
    paths: [SKIN, FUNDUS, CXR],
    prepare: async (dataDir) => {
      await buildRandomTestPackage(path.join(dataDir, 'models', 'random-test'), { seed: 7 });
    },
    service: (tmpDir) => ({
      bundledModelsDir: path.join(tmpDir, 'no-bundled-models'),
      spawnInference: scriptedInference({ raw: () => ANSWER, imageSize: { width: 256, height: 256 }, model: MODEL }),
    }),
  });
  ({ page, pageErrors } = ws);
}, 120_000);

afterAll(() => ws?.close());

describe('finding review in the built app', () => {
  it('runs the model and draws its boxes with IoU against the sidecar truth, and the label F1', async () => {
    await openSkinStudy();
    await expect.poll(() => page.getByTestId('ai-model-picker').locator('option').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('ai-run').click();
    await expect.poll(() => page.getByTestId('ai-panel').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await expect.poll(decisions, { timeout: 10_000 }).toEqual(['melanoma:pending', 'nevus:pending']);

    await expect.poll(() => currentBoxes().count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator('[data-testid=overlay-box][data-kind=truth]').count()).toBe(1);
    expect(await page.getByTestId('ai-overlay-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    // SVG text has no innerText: read textContent.
    await expect
      .poll(async () => (await page.getByTestId('overlay-iou').allTextContents()).map((t) => t.trim()), { timeout: 10_000 })
      .toEqual([`IoU ${rewardIou([40, 70, 180, 180])}`, `IoU ${rewardIou([200, 20, 240, 60])}`]);
    expect(rewardIou([40, 70, 180, 180])).not.toBe(iouScore([[40, 70, 180, 180]], { box: [46, 76, 181, 183] }).toFixed(2)); // the mask, not the box
    expect(await page.getByTestId('ai-label-f1').innerText()).toMatch(/dataset sidecar\): 0\.67/);

    // Hovering a row lights its box; hovering a box lights its row.
    await row('nevus').hover();
    await expect.poll(() => page.locator('g.box.lit [data-testid=overlay-box]').getAttribute('data-finding-id')).toBe(await row('nevus').getAttribute('data-finding-id'));
    await page.getByTestId('viewport').scrollIntoViewIfNeeded();
    await shot('01-boxes');
  });

  it('saves a dragged box as edited, a rejection, and an added finding', async () => {
    const melanomaId = await row('melanoma').getAttribute('data-finding-id');
    const box = page.locator(`[data-testid=overlay-box][data-kind=current][data-finding-id="${melanomaId}"]`);
    const before = (await box.boundingBox())!;
    // Drag the box body by 30 × 20 screen pixels (a few image pixels at this zoom).
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2 + 15, before.y + before.height / 2 + 10, { steps: 4 });
    await page.mouse.move(before.x + before.width / 2 + 30, before.y + before.height / 2 + 20, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => row('melanoma').getAttribute('data-decision'), { timeout: 10_000 }).toBe('edited');
    const after = (await box.boundingBox())!;
    expect(after.x - before.x).toBeGreaterThan(10);
    expect(after.y - before.y).toBeGreaterThan(5);
    // The AI's original stays visible, dashed, next to the correction, both scored against the truth.
    expect(await page.locator('[data-testid=overlay-box][data-kind=original]').count()).toBe(1);
    expect(await currentBoxes().count()).toBe(2);

    await row('nevus').getByTestId('finding-reject').click();
    await expect.poll(() => row('nevus').getAttribute('data-decision')).toBe('rejected');
    await expect.poll(() => currentBoxes().count()).toBe(1); // rejected findings are not drawn

    await page.getByTestId('finding-add-label').selectOption('nevus');
    await page.getByTestId('finding-add').click();
    await expect.poll(decisions).toEqual(['melanoma:edited', 'nevus:rejected', 'nevus:added']);
    await expect.poll(() => currentBoxes().count()).toBe(2);
    await page.getByTestId('viewport').scrollIntoViewIfNeeded();
    await shot('02-reviewed');
  });

  it('shows the reviewed state after a reload, and the audit log has every action', async () => {
    await page.reload();
    await openSkinStudy();
    await expect.poll(decisions, { timeout: 20_000 }).toEqual(['melanoma:edited', 'nevus:rejected', 'nevus:added']);
    await expect.poll(() => currentBoxes().count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('ai-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    expect(await page.getByTestId('ai-overlay-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    await page.getByTestId('ai-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('ai-panel').screenshot({ path: path.join(screenshotsDir, 'review-03-panel-after-reload.png') });
    await shot('04-after-reload');

    const log = await ws.service.api.auditLog({ limit: 1000 });
    expect(log.verification.ok).toBe(true);
    const actions = log.entries.map((e) => e.action);
    for (const action of ['model.run', 'analysis.stored', 'finding.edited', 'finding.rejected', 'finding.added']) expect(actions).toContain(action);
    const edit = log.entries.find((e) => e.action === 'finding.edited')!;
    expect(edit.actor).toBe('e2e');
    expect(edit.details).toMatchObject({ before: { decision: 'pending', boxes: [{ x1: 40, y1: 70 }] }, after: { decision: 'edited' } });
    expect(pageErrors).toEqual([]);
  });

  it('exports PDF + SR + FHIR from the panel, as is and de-identified; the files validate and are audited', async () => {
    // The skin study is open after the reload above.
    const panel = page.getByTestId('export-panel');
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.getByTestId('export-notice').innerText()).toBe(RESEARCH_USE_NOTICE);
    expect(await page.getByTestId('export-deidentify').isChecked()).toBe(true); // de-identification is the default
    for (const f of ['pdf', 'sr', 'fhir']) await page.getByTestId(`export-format-${f}`).check();
    await page.getByTestId('export-format-json').uncheck();
    const shown = () =>
      page.getByTestId('export-file').evaluateAll((rows) =>
        rows.map((r) => ({ format: r.getAttribute('data-format')!, path: r.getAttribute('data-path')!, text: r.textContent ?? '' })),
      );

    // 1. As is, into a folder the reader typed.
    const chosen = path.join(ws.tmpDir, 'chosen-exports');
    await page.getByTestId('export-deidentify').uncheck();
    await page.getByTestId('export-folder').fill(chosen);
    await page.getByTestId('export-run').click();
    await expect.poll(async () => (await shown()).map((f) => f.format), { timeout: 120_000 }).toEqual(['pdf', 'sr', 'fhir']);
    const plain = await shown();
    for (const f of plain) expect(path.dirname(f.path)).toBe(chosen);

    // 2. De-identified, into the default folder (<dataDir>/exports/<UTC timestamp>-study-<id>/).
    await page.getByTestId('export-deidentify').check();
    await page.getByTestId('export-folder').fill('');
    await page.getByTestId('export-run').click();
    const defaultRoot = path.join(ws.tmpDir, 'data', EXPORTS_FOLDER);
    await expect
      .poll(async () => (await shown()).filter((f) => path.dirname(path.dirname(f.path)) === defaultRoot).map((f) => f.format), { timeout: 120_000 })
      .toEqual(['pdf', 'sr', 'fhir']);
    const deid = await shown();
    expect(await page.getByTestId('export-failed').count()).toBe(0);
    expect(path.basename(path.dirname(deid[0]!.path))).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-study-\d+$/);
    expect(await page.getByTestId('export-folder-used').innerText()).toContain(path.dirname(deid[0]!.path));
    await panel.screenshot({ path: path.join(screenshotsDir, 'review-07-export-panel.png') });

    const { studies } = await ws.service.api.listStudies({ domain: 'skin' });
    const review = await ws.service.api.getStudyReview({ studyId: studies[0]!.id });
    const edited = review.findings.find((f) => f.decision === 'edited')!;
    expect(edited.label).toBe('melanoma');
    const editedBox = edited.boxes[0]!;
    expect(editedBox.x1).not.toBe(40); // the dragged box, not the model's

    for (const [files, deidentified] of [
      [plain, false],
      [deid, true],
    ] as const) {
      const byFormat = Object.fromEntries(files.map((f) => [f.format, f.path]));
      for (const f of files) {
        const sha = sha256Hex(readFileSync(f.path));
        expect(f.text).toContain(sha.slice(0, 12)); // the short hash shown is the file's
        expect(f.text).toContain(path.basename(f.path));
      }

      // SR: dsrdump parses it; the edited box's region and the rejected finding's decision are in it.
      const sr = dsrdump(byFormat.sr!, { longValues: true });
      expect(sr.status, sr.out).toBe(0);
      expect(sr.out).toContain('Comprehensive SR Document');
      expect(sr.out).toContain('"Research use notice"');
      const groups = sr.out.split('"Measurement Group"').slice(1);
      const melanoma = groups.find((g) => g.includes(': melanoma'))!;
      expect(melanoma).toContain('(EDITED,99QOQ,"Edited")');
      expect(melanoma).toContain(`x1=${editedBox.x1} y1=${editedBox.y1} x2=${editedBox.x2} y2=${editedBox.y2}`);
      const nevus = groups.filter((g) => g.includes(': nevus'));
      expect(nevus.some((g) => g.includes('(REJECTED,99QOQ,"Rejected")'))).toBe(true);
      expect(nevus.some((g) => g.includes('(ADDED,99QOQ,"Added")'))).toBe(true);
      const { errors } = dciodvfy(byFormat.sr!);
      expect(errors).toEqual([]);

      // PDF: the notice on every page, the edited label with its decision, the model hash.
      const pages = pdfPages(byFormat.pdf!);
      for (const p of pages) expect(p).toContain(RESEARCH_USE_NOTICE);
      const text = pages.join('\n');
      expect(text).toContain('melanoma');
      expect(text).toContain('reader decision: edited');
      expect(text).toContain('reader decision: rejected');
      expect(text).toContain(MODEL.sha256);
      if (deidentified) expect(text).toContain('De-identified');

      // FHIR: a Bundle valid against the R4 schema, carrying the notice.
      const bundle = JSON.parse(readFileSync(byFormat.fhir!, 'utf8')) as object;
      expect(fhirErrors(bundle)).toEqual([]);
      expect(JSON.stringify(bundle)).toContain(RESEARCH_USE_NOTICE);
    }

    // Exporting changed nothing of the review: a reload shows the same reviewed state.
    await page.reload();
    await openSkinStudy();
    await expect.poll(decisions, { timeout: 20_000 }).toEqual(['melanoma:edited', 'nevus:rejected', 'nevus:added']);

    // Every written file is audited with its path, SHA-256 and the de-identification flag.
    const log = await ws.service.api.auditLog({ limit: 1000 });
    expect(log.verification.ok).toBe(true);
    const written = log.entries.filter((e) => e.action === 'export.written');
    expect(written).toHaveLength(6);
    for (const [files, deidentified] of [
      [plain, false],
      [deid, true],
    ] as const) {
      for (const f of files) {
        expect(written.map((e) => e.details)).toContainEqual({ studyId: studies[0]!.id, format: f.format, path: f.path, sha256: sha256Hex(readFileSync(f.path)), deidentified });
      }
    }
    expect(written.every((e) => e.actor === 'e2e')).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('draws a reader-added box on a DICOM image too (SOP Instance UID#frame reference)', async () => {
    await page.locator('.list li', { hasText: 'cxr' }).first().click();
    await expect.poll(() => page.getByTestId('ai-panel').isVisible(), { timeout: 20_000 }).toBe(true);
    // No AI output on this study: the reader adds a finding of their own from the panel (its box lands
    // on the image in view), then one through the service at the lab's nodule box, checked below.
    await page.getByTestId('finding-add-label').selectOption('nodule');
    await page.getByTestId('finding-add').click();
    await expect.poll(decisions, { timeout: 10_000 }).toEqual(['nodule:added']);
    await page.getByTestId('ai-finding').getByTestId('finding-reject').click();
    await expect.poll(decisions).toEqual(['nodule:rejected']);
    const { studies } = await ws.service.api.listStudies({ domain: 'cxr' });
    const detail = await ws.service.api.getStudy({ studyId: studies[0]!.id });
    const sop = detail.series[0]!.instances[0]!.sopInstanceUid;
    const added = await ws.service.api.addFinding({ studyId: detail.study.id, label: 'nodule', boxes: [{ x1: 174, y1: 124, x2: 186, y2: 137, ref: `${sop}#0` }] });
    expect((await ws.service.api.getStudyReview({ studyId: detail.study.id })).findings[0]!.boxes[0]!.ref).toBe(`${sop}#0`); // the panel's box
    await page.locator('.list li', { hasText: 'skin' }).first().click();
    await page.locator('.list li', { hasText: 'cxr' }).first().click();
    await expect.poll(() => currentBoxes().count(), { timeout: 20_000 }).toBe(1);
    expect(await currentBoxes().getAttribute('data-finding-id')).toBe(String(added.id));
    const box = (await currentBoxes().boundingBox())!;
    const view = (await page.getByTestId('viewport').boundingBox())!;
    // A 13 × 14 pixel nodule on a 256² radiograph drawn in a ~500 px viewport: a few dozen screen pixels.
    expect(box.width).toBeGreaterThan(10);
    expect(box.width).toBeLessThan(view.width / 5);
    expect(box.x).toBeGreaterThan(view.x);
    await page.getByTestId('viewport').screenshot({ path: path.join(screenshotsDir, 'review-06-dicom-box.png') });
  });

  it('asks for a blinded first read before the model may run on an unread study', async () => {
    await page.locator('.list li', { hasText: 'fundus' }).first().click();
    await expect.poll(() => page.getByTestId('ai-panel').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('ai-panel').locator('summary').click();
    await page.getByTestId('ai-blinded').check();
    await expect.poll(() => page.getByTestId('first-read-form').isVisible()).toBe(true);
    expect(await page.getByTestId('ai-run').isDisabled()).toBe(true);
    await page.getByTestId('first-read-impression').fill('Blot haemorrhages temporal to the disc');
    await page.getByTestId('first-read-form').getByLabel('haemorrhages').check();
    await page.getByTestId('first-read-submit').click();
    await expect.poll(() => page.getByTestId('first-read').innerText()).toMatch(/Blot haemorrhages.*— haemorrhages/);
    expect(await page.getByTestId('first-read-form').count()).toBe(0);
    expect(await page.getByTestId('ai-run').isDisabled()).toBe(false);
    await page.getByTestId('ai-panel').screenshot({ path: path.join(screenshotsDir, 'review-05-first-read.png') });
    const log = await ws.service.api.auditLog({ limit: 10 });
    expect(log.entries[0]).toMatchObject({ action: 'firstRead.recorded', details: { after: { labels: ['haemorrhages'] } } });
    expect(pageErrors).toEqual([]);
  });
});
