import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { readDicomWaveform } from '../../../src-main/parsing/ecg/dicomWaveform';
import { readWfdbRecord } from '../../../src-main/parsing/ecg/readWfdbRecord';
import type { EcgRecord } from '../../../src-main/parsing/types';
import { DEFAULT_ECG_INPUT_SETTINGS, ecgInput } from '../../../src-main/ml/preprocess/ecgInput';
import { resampleLinear } from '../../../src-main/ml/preprocess/resampleLinear';
import { sharedData } from '../../helpers/sharedData';

const W = 2500;

function synthetic(rateHz: number, leads: Record<string, number[]>): EcgRecord {
  const list = Object.entries(leads).map(([name, v]) => ({ name, samplesUv: Float32Array.from(v) }));
  const samplesPerLead = Math.max(...list.map((l) => l.samplesUv.length));
  return {
    summary: { format: 'wfdb', leads: list.map((l) => l.name), samplingRateHz: rateHz, samplesPerLead, units: 'uV', durationS: samplesPerLead / rateHz },
    leads: list,
  };
}

const rowOf = (data: Float32Array, r: number, n = W): Float32Array => data.subarray(r * n, (r + 1) * n);

/** Population mean and std, summed plainly. */
function stats(v: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length) };
}

describe('resampleLinear', () => {
  it('2 → 3 Hz: positions 0, ⅔, 1⅓, 2, 2⅔ of [0, 10, 20, 30]; nothing past the last sample', () => {
    const out = Array.from(resampleLinear([0, 10, 20, 30], 2, 3, 100));
    expect(out).toHaveLength(5); // p(5) = 3⅓ > 3
    [0, 20 / 3, 40 / 3, 20, 80 / 3].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  it('4 → 2 Hz takes every second sample; maxOut truncates', () => {
    expect(Array.from(resampleLinear([0, 1, 2, 3, 4, 5], 4, 2, 100))).toEqual([0, 2, 4]);
    expect(Array.from(resampleLinear([0, 1, 2, 3, 4, 5], 4, 2, 2))).toEqual([0, 2]);
  });
});

describe('ecgInput', () => {
  it('DICOM 12-lead at 500 Hz: keeps I, II, V1..V6, first 2500 samples, z-scored per lead', () => {
    const rec = readDicomWaveform(dicomParser.parseDicom(new Uint8Array(readFileSync(sharedData('ecg', 'dicom', 'Example_12lead.dcm')))));
    expect(rec.summary.samplingRateHz).toBe(500);
    const out = ecgInput(rec);
    expect(out.shape).toEqual([8, W]);
    expect(out.leads).toEqual(['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(out.missingLeads).toEqual([]);
    expect(out.validSamples).toBe(W);
    out.leads.forEach((name, r) => {
      const raw = rec.leads.find((l) => l.name === name)!.samplesUv.subarray(0, W);
      const { mean, std } = stats(raw);
      const got = rowOf(out.data, r);
      for (const k of [0, 1, 777, 2499]) expect(got[k]).toBeCloseTo((raw[k]! - mean) / std, 5);
      const z = stats(got);
      expect(z.mean).toBeCloseTo(0, 5);
      expect(z.std).toBeCloseTo(1, 4);
    });
    // Row 2 is V1, not III (the third stored lead).
    const v1 = rec.leads.find((l) => l.name === 'V1')!.samplesUv;
    const s = stats(v1.subarray(0, W));
    expect(rowOf(out.data, 2)[10]).toBeCloseTo((v1[10]! - s.mean) / s.std, 5);
  });

  it('WFDB 100 (MLII, V5 at 360 Hz): II ← MLII, V5 kept, six leads zero-filled, resampled to 500 Hz', async () => {
    const rec = await readWfdbRecord(sharedData('ecg', 'wfdb', '100.hea'));
    const out = ecgInput(rec);
    expect(out.missingLeads).toEqual(['I', 'V1', 'V2', 'V3', 'V4', 'V6']);
    expect(out.substitutedLeads).toEqual([{ lead: 'II', from: 'MLII' }]);
    for (const r of [0, 2, 3, 4, 5, 7]) expect(rowOf(out.data, r).every((v) => v === 0)).toBe(true);
    // z-scoring is affine, so ratios of differences survive it. At 500 Hz, output j sits at source j·0.72:
    // j=1 → 0.28·s0 + 0.72·s1, j=25 → s18 exactly, so (o1 − o0)/(o25 − o0) = 0.72·(s1 − s0)/(s18 − s0).
    for (const [r, name] of [[1, 'MLII'], [6, 'V5']] as const) {
      const s = rec.leads.find((l) => l.name === name)!.samplesUv;
      const o = rowOf(out.data, r);
      expect((o[1]! - o[0]!) / (o[25]! - o[0]!)).toBeCloseTo((0.72 * (s[1]! - s[0]!)) / (s[18]! - s[0]!), 4);
      expect(stats(o).std).toBeCloseTo(1, 4);
    }
  });

  it('1000 Hz DICOM is decimated by 2 (output j = source 2j)', () => {
    const rec = readDicomWaveform(dicomParser.parseDicom(new Uint8Array(readFileSync(sharedData('ecg', 'dicom', 'waveform_ecg.dcm')))));
    expect(rec.summary.samplingRateHz).toBe(1000);
    const out = ecgInput(rec);
    const s = rec.leads.find((l) => l.name === 'II')!.samplesUv;
    const o = rowOf(out.data, 1);
    // Lead II in µV per pydicom: s[0] = 112.5, s[2500] = 912.5; ratios again survive the z-score.
    expect((o[1250]! - o[0]!) / (o[2]! - o[0]!)).toBeCloseTo((s[2500]! - s[0]!) / (s[4]! - s[0]!), 4);
  });

  it("zero-pads short records; 'window' statistics include the padding, 'valid' do not", () => {
    const rec = synthetic(500, { I: [1, 2, 3], V6: [5, 5, 5] });
    const settings = { ...DEFAULT_ECG_INPUT_SETTINGS, windowSamples: 5 };
    // [1,2,3,0,0]: mean 1.2, squared deviations 0.04+0.64+3.24+1.44+1.44 = 6.8, std √1.36 = 1.166190.
    const win = ecgInput(rec, settings);
    expect(win.validSamples).toBe(3);
    const expectedWindow = [-0.2, 0.8, 1.8, -1.2, -1.2].map((d) => d / Math.sqrt(1.36));
    Array.from(rowOf(win.data, 0, 5)).forEach((v, i) => expect(v).toBeCloseTo(expectedWindow[i]!, 6));
    // [1,2,3]: mean 2, std √(2/3) = 0.816497 → −1.224745, 0, 1.224745, then the zero padding.
    const valid = ecgInput(rec, { ...settings, zScoreOver: 'valid' });
    Array.from(rowOf(valid.data, 0, 5)).forEach((v, i) => expect(v).toBeCloseTo([-1.224745, 0, 1.224745, 0, 0][i]!, 6));
    // A flat lead has std 0 → zeros, not NaN ('valid': [5,5,5] is flat) …
    expect(Array.from(rowOf(valid.data, 7, 5))).toEqual([0, 0, 0, 0, 0]);
    // … but with 'window' its padding makes a step: [5,5,5,0,0], mean 3, std √(30/5) = √6.
    Array.from(rowOf(win.data, 7, 5)).forEach((v, i) => expect(v).toBeCloseTo([2, 2, 2, -3, -3][i]! / Math.sqrt(6), 6));
    // A missing lead is zeros in both modes.
    expect(rowOf(win.data, 1, 5).every((v) => v === 0)).toBe(true);
  });

  it('rate and window are settings (ECG-JEPA pretraining form: 250 Hz, 2500 samples)', () => {
    const rec = synthetic(500, { I: Array.from({ length: 5000 }, (_, i) => i % 7) });
    const out = ecgInput(rec, { ...DEFAULT_ECG_INPUT_SETTINGS, targetRateHz: 250 });
    expect(out.targetRateHz).toBe(250);
    expect(out.validSamples).toBe(2500);
    // 500 → 250 Hz takes every second sample: i%7 at i = 0, 2, 4, 6, 8 → 0, 2, 4, 6, 1.
    const o = rowOf(out.data, 0);
    expect((o[4]! - o[0]!) / (o[3]! - o[0]!)).toBeCloseTo(1 / 6, 6);
  });
});
