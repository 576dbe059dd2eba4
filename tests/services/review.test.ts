/**
 * The review operations end to end over a real store: analyzeStudy stores the run and its findings as
 * pending (the model is scripted so its findings have boxes), the reader accepts, rejects, edits, adds,
 * records a blinded first read (refused once AI output exists), and everything survives closing and
 * reopening the service, with one audit entry per action and an intact hash chain.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyReview } from '../../src-main/contract/reviewSchemas';
import { operations } from '../../src-main/contract/service';
import { buildRandomTestPackage } from '../../src-main/ml/testPackage/index';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { dispatch } from '../../src-main/services/dispatch';
import { repoRoot } from '../helpers/sharedData';
import { protocolAnswer, scriptedInference } from '../helpers/scriptedInference';
import { makeTempDir } from '../helpers/tempDir';

const DEMO = path.join(repoRoot, 'resources', 'demo', 'studies');
let tmp: ReturnType<typeof makeTempDir>;
let modelDir: string;
let service: WorkstationService;
let skinId: number;
let cxrId: number;
let answer = protocolAnswer([
  { label: 'melanoma', box: [40, 70, 180, 180] },
  { label: 'nevus', box: [10, 10, 30, 30] },
]);

const open = () =>
  createWorkstationService({
    dataDir: path.join(tmp.dir, 'data'),
    actor: 'dr-review',
    workers: 1,
    bundledModelsDir: path.join(tmp.dir, 'none'),
    spawnInference: scriptedInference({ raw: () => answer, imageSize: { width: 256, height: 256 } }),
  });
const call = <T>(op: keyof typeof operations, input: unknown) => dispatch(service.api, op, input) as Promise<T>;
const review = (studyId: number) => call<StudyReview>('getStudyReview', { studyId });

beforeAll(async () => {
  tmp = makeTempDir('review');
  modelDir = path.join(tmp.dir, 'model');
  await buildRandomTestPackage(modelDir, { seed: 7 });
  service = open();
  await service.api.importPaths({ paths: [path.join(DEMO, 'skin'), path.join(DEMO, 'cxr')] });
  const { studies } = await service.api.listStudies({});
  skinId = studies.find((s) => s.domains.includes('skin'))!.id;
  cxrId = studies.find((s) => s.domains.includes('cxr'))!.id;
}, 120_000);
afterAll(async () => {
  await service.close();
  tmp.cleanup();
});

describe('review of AI findings', () => {
  it('starts empty, with the vocabulary and the sidecar ground truth', async () => {
    const r = await review(skinId);
    expect(r.analyses).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.firstRead).toBeNull();
    expect(r.vocabulary.skin).toEqual(['melanoma', 'nevus']);
    expect(r.groundTruth).toMatchObject({ source: 'sidecar', labels: ['melanoma'], boxes: [{ x1: 46, y1: 76, x2: 181, y2: 183, label: 'melanoma' }] });
    expect(r.groundTruth!.maskRefs).toEqual([r.groundTruth!.boxes[0]!.ref]);
  });

  it('serves the sidecar mask as stored, and nothing outside the study', async () => {
    const r = await review(skinId);
    const mask = await call<{ mediaType: string; base64: string }>('getGroundTruthMask', { studyId: skinId, ref: r.groundTruth!.maskRefs[0] });
    expect(mask.mediaType).toBe('image/png');
    expect(Buffer.from(mask.base64, 'base64')).toEqual(readFileSync(path.join(DEMO, 'skin', 'skin_test_0001', 'skin_test_0001_mask.png')));
    await expect(call('getGroundTruthMask', { studyId: cxrId, ref: r.groundTruth!.maskRefs[0] })).rejects.toThrow(/no ground-truth mask/);
  });

  it('records a blinded first read before the model runs, and refuses one after', async () => {
    const read = await call<{ labels: string[] }>('recordFirstRead', { studyId: skinId, impression: 'Irregular lesion', labels: ['Melanoma'] });
    expect(read.labels).toEqual(['melanoma']); // the vocabulary's spelling
    await expect(call('recordFirstRead', { studyId: skinId, impression: 'x', labels: ['pneumonia'] })).rejects.toThrow(/not in this study's vocabulary/);
  });

  it('stores a completed analysis with its findings pending', async () => {
    const result = await service.api.analyzeStudy({ studyId: skinId, modelDir, seed: 1 });
    expect(result.findings.map((f) => f.label)).toEqual(['melanoma', 'nevus']);
    const r = await review(skinId);
    expect(r.analyses).toHaveLength(1);
    expect(r.analyses[0]!.result).toEqual(result);
    expect(r.analyses[0]!.createdBy).toBe('dr-review');
    expect(r.findings.map((f) => [f.label, f.decision, f.analysisId])).toEqual([
      ['melanoma', 'pending', r.analyses[0]!.id],
      ['nevus', 'pending', r.analyses[0]!.id],
    ]);
    expect(r.findings[0]!.boxes).toEqual([{ x1: 40, y1: 70, x2: 180, y2: 180, ref: r.groundTruth!.boxes[0]!.ref }]);
    expect(r.findings[0]!.original).toEqual({ label: 'melanoma', boxes: r.findings[0]!.boxes, inAnswer: true });
    await expect(call('recordFirstRead', { studyId: skinId, impression: 'late', labels: [] })).rejects.toThrow(/before AI output/);
  });

  it('accepts, rejects, edits and adds findings, checking labels and boxes', async () => {
    const [melanoma, nevus] = (await review(skinId)).findings;
    const ref = melanoma!.boxes[0]!.ref;
    const accepted = await call<{ decision: string; decidedBy: string }>('reviewFinding', { findingId: melanoma!.id, decision: 'accepted' });
    expect(accepted).toMatchObject({ decision: 'accepted', decidedBy: 'dr-review' });
    const edited = await call<{ decision: string; boxes: unknown[] }>('reviewFinding', {
      findingId: melanoma!.id,
      decision: 'edited',
      boxes: [{ x1: 180, y1: 183, x2: 46, y2: 76, ref }], // corners swapped: stored ordered
    });
    expect(edited).toMatchObject({ decision: 'edited', boxes: [{ x1: 46, y1: 76, x2: 180, y2: 183, ref }] });
    await call('reviewFinding', { findingId: nevus!.id, decision: 'rejected', comment: 'no second lesion' });
    await call('addFinding', { studyId: skinId, label: 'nevus', boxes: [{ x1: 200, y1: 200, x2: 220, y2: 220, ref }] });

    await expect(call('reviewFinding', { findingId: nevus!.id, decision: 'edited', label: 'pneumothorax' })).rejects.toThrow(/vocabulary/);
    await expect(call('reviewFinding', { findingId: nevus!.id, decision: 'edited' })).rejects.toThrow(/needs a label or boxes/);
    await expect(call('addFinding', { studyId: skinId, label: 'nevus', boxes: [{ x1: 0, y1: 0, x2: 5, y2: 5, ref: 'image:999999' }] })).rejects.toThrow(/not an image of this study/);
    await expect(call('addFinding', { studyId: skinId, label: 'nevus', boxes: [{ x1: 0, y1: 0, x2: 500, y2: 5, ref }] })).rejects.toThrow(/outside its image/);
    await expect(call('reviewFinding', { findingId: 999_999, decision: 'accepted' })).rejects.toThrow(/no finding/);
  });

  it('keeps every decision across closing and reopening the store, with an audit entry each', async () => {
    const before = await review(skinId);
    await service.close();
    service = open();
    const after = await review(skinId);
    expect(after).toEqual(before);
    expect(after.findings.map((f) => [f.label, f.decision, f.comment])).toEqual([
      ['melanoma', 'edited', null],
      ['nevus', 'rejected', 'no second lesion'],
      ['nevus', 'added', null],
    ]);
    expect(after.findings[0]!.original!.boxes[0]).toMatchObject({ x1: 40, y1: 70, x2: 180, y2: 180 }); // AI original kept

    const log = await service.api.auditLog({ limit: 1000 });
    expect(log.verification.ok).toBe(true);
    const actions = log.entries.map((e) => e.action).reverse();
    for (const a of ['firstRead.recorded', 'model.run', 'analysis.stored', 'finding.accepted', 'finding.edited', 'finding.rejected', 'finding.added']) {
      expect(actions).toContain(a);
    }
    const edit = log.entries.find((e) => e.action === 'finding.edited')!;
    expect(edit.details).toMatchObject({ before: { decision: 'accepted', boxes: [{ x1: 40 }] }, after: { decision: 'edited', boxes: [{ x1: 46 }] } });
  });

  it('shows the latest analysis after a re-run, keeping the earlier one and reader-added findings', async () => {
    answer = protocolAnswer([{ label: 'nevus', box: [50, 50, 60, 60] }]);
    await service.api.analyzeStudy({ studyId: skinId, modelDir, seed: 2 });
    const r = await review(skinId);
    expect(r.analyses).toHaveLength(2);
    expect(r.findings.map((f) => [f.label, f.decision, f.analysisId])).toEqual([
      ['nevus', 'pending', r.analyses[1]!.id],
      ['nevus', 'added', null],
    ]);
  });

  it('prints the review with `qoq review` (text and --json)', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'qoq.mjs'), 'review', String(skinId), '--data-dir', path.join(tmp.dir, 'data'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, QOQ_USER: 'cli' },
      });
    const text = run();
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Analyses\s+2;.*scripted@0/);
    expect(text.stdout).toMatch(/Truth\s+sidecar: melanoma; 1 box\(es\), 1 mask\(s\)/);
    expect(text.stdout).toMatch(/Research use only/);
    expect(text.stdout).toMatch(/added\s+nevus/);
    const json = run('--json');
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as StudyReview).findings.map((f) => f.decision)).toEqual(['pending', 'added']);
  }, 180_000); // two CLI processes, each starting tsx: slow on a busy 2-core machine

  it('refuses a first read while the study is unread by the model only', async () => {
    const first = await call<{ impression: string }>('recordFirstRead', { studyId: cxrId, impression: 'Nodule left lower zone', labels: ['nodule'] });
    expect(first.impression).toBe('Nodule left lower zone');
    const r = await review(cxrId);
    expect(r.firstRead).toMatchObject({ labels: ['nodule'], recordedBy: 'dr-review' });
    expect(r.groundTruth).toBeNull(); // a DICOM study without sidecar and without reviewed findings
  });
});
