/**
 * `qoq export-job` on a small phantom lab: records in the reference trainer's format (notes §9), the
 * files they name copied beside them, and a DRPO job config with the medical-run settings (§5).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab, type LabRecord } from '../../src-main/lab/index';
import { exportJob, type ReferenceRecord } from '../../src-main/training/exportJob';
import { makeTempDir } from '../helpers/tempDir';
import { qoq } from './qoqCli';

const tmp = makeTempDir('export-job');
afterAll(() => tmp.cleanup());
const lab = path.join(tmp.dir, 'lab');
let labRecords: LabRecord[] = [];

beforeAll(async () => {
  const counts = { cxr: 2, ct: 1, mri: 1, skin: 2, fundus: 1, pathology: 1, ultrasound: 1, ecg: 1, mammography: 1 };
  labRecords = (await generateLab({ seed: 11, outDir: lab, split: 'train', counts })).records;
});

const readJsonLines = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);
const REFERENCE_FIELDS = new Set(['problem', 'answer', 'images', 'videos', 'time-series', 'dataset', 'bbox', 'segmentation_path']);

describe('qoq export-job', () => {
  it('writes §9 records whose files exist, and a DRPO job config for the reference trainer', () => {
    const out = path.join(tmp.dir, 'job');
    const r = qoq(['export-job', '--lab', lab, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Exported ${labRecords.length} records`);

    const records = readJsonLines<ReferenceRecord>(path.join(out, 'train.jsonl'));
    expect(records).toHaveLength(labRecords.length);
    records.forEach((rec, i) => {
      const source = labRecords[i]!;
      for (const key of Object.keys(rec)) expect(REFERENCE_FIELDS.has(key), key).toBe(true);
      expect(rec.dataset).toBe(source.dataset);
      expect(rec.answer).toBe(source.answer);
      expect(rec.problem).toBe(source.problem);
      expect(rec.problem.split('<image>').length - 1).toBe(rec.images.length);
      expect(rec.images).toHaveLength(source.images.length);
      expect(rec['time-series']).toHaveLength(source['time-series'].length);
      expect(rec.bbox).toEqual(source.bbox);
      expect(rec.segmentation_path === undefined).toBe(source.segmentation_path === undefined);
      const pairs: [string, string][] = [
        ...rec.images.map((p, k): [string, string] => [p, source.images[k]!]),
        ...rec['time-series'].map((p, k): [string, string] => [p, source['time-series'][k]!]),
        ...(rec.segmentation_path ? [[rec.segmentation_path, source.segmentation_path!] as [string, string]] : []),
      ];
      for (const [exported, original] of pairs) {
        expect(path.isAbsolute(exported)).toBe(false);
        expect(exported).toMatch(/^(images|time-series|masks)\//);
        expect(readFileSync(path.join(out, exported)).equals(readFileSync(path.join(lab, original))), exported).toBe(true);
      }
    });
    expect(records.filter((rec) => rec.images.length === 1)).toHaveLength(labRecords.length - 1); // all but the ECG
    const ecg = records.find((rec) => rec.dataset === 'ecg')!;
    expect(ecg['time-series'][0]).toMatch(/\.hea$/);
    expect(existsSync(path.join(out, ecg['time-series'][0]!.replace(/\.hea$/, '.dat')))).toBe(true); // the signal beside its header
    expect(records.some((rec) => rec.bbox !== undefined)).toBe(true);
    expect(records.some((rec) => rec.segmentation_path !== undefined)).toBe(true);

    const yaml = readFileSync(path.join(out, 'job.yaml'), 'utf8');
    for (const line of [
      'train_files: train.jsonl',
      'prompt_key: problem',
      'answer_key: answer',
      'image_key: images',
      'adv_estimator: drpo',
      'kl_penalty: low_var_kl',
      'kl_coef: 1.0e-4',
      'lr: 1.0e-6',
      'n: 5',
      'temperature: 1.0',
      'max_prompt_length: 4000',
      'max_response_length: 4000',
    ]) {
      expect(yaml).toMatch(new RegExp(`^\\s*${line.replace(/[.+]/g, '\\$&')}(\\s|$)`, 'm'));
    }
  });

  it('reads a reference-format JSON-lines file with --data the same way; usage and input errors', () => {
    const out = path.join(tmp.dir, 'from-data');
    const summary = exportJob({ data: path.join(lab, 'lab-manifest.jsonl'), out });
    expect(summary.records).toBe(labRecords.length);
    expect(readFileSync(summary.trainFile, 'utf8')).toBe(readFileSync(path.join(tmp.dir, 'job', 'train.jsonl'), 'utf8'));
    expect(() => exportJob({ lab: path.join(tmp.dir, 'nowhere'), out: path.join(tmp.dir, 'x') })).toThrow(/cannot read/);

    expect(qoq(['export-job', '--lab', lab, '--data', 'x.jsonl', '--out', out]).status).toBe(2);
  });
});
