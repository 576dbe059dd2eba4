import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab, type LabRecord } from '../../src-main/lab';
import { parseFile } from '../../src-main/parsing/parseFile';
import { DEFAULT_LIMITS, type ParseOutcome } from '../../src-main/parsing/types';
import { makeTempDir } from '../helpers/tempDir';
import { listFiles, ONE_PER_LABEL, readManifest } from './labFixture';

/** Modality each domain must be imported with (DICOM header or photo sidecar). */
const MODALITY: Record<string, string[]> = {
  cxr: ['DX', 'CR'],
  mammography: ['MG'],
  ultrasound: ['US'],
  ct: ['CT'],
  mri: ['MR'],
  skin: ['XC'],
  fundus: ['OP'],
  pathology: ['SM'],
  ecg: ['ECG'],
};

const tmp = makeTempDir('lab-import');
let records: LabRecord[] = [];
const outcomes = new Map<string, ParseOutcome>();

beforeAll(async () => {
  await generateLab({ seed: 5, outDir: tmp.dir, split: 'test', counts: ONE_PER_LABEL });
  records = readManifest(tmp.dir);
  for (const f of listFiles(tmp.dir)) {
    if (f === 'lab-manifest.jsonl') continue;
    const abs = path.join(tmp.dir, f);
    outcomes.set(f, await parseFile({ path: abs, bytes: new Uint8Array(readFileSync(abs)) }, DEFAULT_LIMITS));
  }
});
afterAll(() => tmp.cleanup());

describe('phantom lab files through the import chain', () => {
  it('nothing is rejected', () => {
    const rejected = [...outcomes].filter(([, o]) => o.status === 'rejected');
    expect(rejected).toEqual([]);
  });

  it('every study file parses with its domain and modality, without warnings, pixels decodable', () => {
    for (const r of records) {
      const main = r.files.filter((f) => /\.(dcm|hea)$/.test(f) || (f.endsWith('.png') && !f.endsWith('_mask.png')));
      expect(main.length, r.id).toBeGreaterThan(0);
      for (const f of main) {
        const o = outcomes.get(f);
        expect(o?.status, f).toBe('parsed');
        if (o?.status !== 'parsed') continue;
        const obj = o.object;
        expect(obj.kind === 'dicomdir' ? undefined : obj.domain, f).toBe(r.dataset);
        if (obj.kind === 'dicomdir' || obj.kind === 'volume') throw new Error(`unexpected ${obj.kind}`);
        expect(MODALITY[r.dataset]).toContain(obj.series.modality);
        expect(obj.warnings, f).toEqual([]);
        if (obj.kind === 'dicom' || obj.kind === 'photo') expect(obj.pixels).toEqual({ state: 'ok' });
        if (obj.kind === 'photo') {
          expect(obj.sidecar?.labels).toEqual(r.labels);
          expect(obj.sidecar?.boxes?.length ?? 0).toBe(r.objects.length);
          if (r.segmentation_path) expect(obj.companions.map((c) => path.basename(c))).toContain(path.basename(r.segmentation_path));
        }
        if (obj.kind === 'ecg') {
          expect(obj.waveform.leads).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
          expect(obj.waveform.samplingRateHz).toBe(500);
          expect(obj.waveform.durationS).toBe(10);
        }
      }
    }
  });

  it('companion files (sidecars, photo masks, .dat) are claimed quietly, not imported twice', () => {
    for (const [f, o] of outcomes) {
      if (/\.json$|_mask\.png$|\.dat$/.test(f) && f.startsWith('studies/')) expect(o.status, f).toBe('not-medical');
    }
  });

  it('volumes carry slice geometry, CT a HU rescale', () => {
    const ct = records.find((r) => r.dataset === 'ct')!;
    const slices = ct.files.map((f) => outcomes.get(f)).filter((o) => o?.status === 'parsed');
    expect(slices).toHaveLength(24);
    const z = slices.map((o) => (o!.status === 'parsed' && o!.object.kind === 'dicom' ? o!.object.geometry?.imagePosition?.[2] : NaN));
    for (let k = 1; k < z.length; k++) expect(z[k - 1]! - z[k]!).toBeCloseTo(5, 6);
    const g = slices[0]!.status === 'parsed' && slices[0]!.object.kind === 'dicom' ? slices[0]!.object.geometry : undefined;
    expect(g).toMatchObject({ rows: 128, columns: 128, rescaleIntercept: -1024, rescaleSlope: 1, sliceThickness: 5, imageOrientation: [1, 0, 0, 0, 1, 0] });
  });

  it('manifest records follow the reference trainer format', () => {
    expect(records).toHaveLength(Object.values(ONE_PER_LABEL).reduce((s, n) => s + n, 0));
    for (const r of records) {
      expect((r.problem.match(/<image>/g) ?? []).length).toBe(r.images.length);
      expect(r.answer).toBe(r.labels.join(', '));
      expect(r.response).toContain(`\\boxed{${r.answer}}`);
      expect(r.reasoning.length).toBeGreaterThan(60);
      if (r.dataset === 'ecg') expect(r['time-series']).toHaveLength(1);
      else expect(r.images).toHaveLength(1);
      expect(Boolean(r.bbox)).toBe(Boolean(r.segmentation_path));
    }
  });
});
