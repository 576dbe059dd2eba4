import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLab, LAB_DOMAINS, synthesiseStudy, type LabRecord } from '../../src-main/lab';
import { readWfdbRecord } from '../../src-main/parsing/ecg/readWfdbRecord';
import type { EcgRecord } from '../../src-main/parsing/types';
import { makeTempDir } from '../helpers/tempDir';
import { readManifest } from './labFixture';

const tmp = makeTempDir('lab-ecg');
let records: LabRecord[] = [];
const ecgs = new Map<string, EcgRecord>();

beforeAll(async () => {
  // Three of each label: easy, middle and hard difficulty.
  await generateLab({ seed: 21, outDir: tmp.dir, split: 'train', counts: { ecg: 3 * LAB_DOMAINS.ecg.labels.length } });
  records = readManifest(tmp.dir);
  for (const r of records) ecgs.set(r.id, await readWfdbRecord(path.join(tmp.dir, r['time-series'][0]!)));
});
afterAll(() => tmp.cleanup());

function lead(rec: EcgRecord, name: string): Float32Array {
  const l = rec.leads.find((x) => x.name === name);
  if (!l) throw new Error(`no lead ${name}`);
  return l.samplesUv;
}

/** A plain R-peak detector: local maxima of lead II above half its 99.5th percentile, 250 ms refractory. */
function rPeaks(x: Float32Array, fs: number): number[] {
  const sorted = Float32Array.from(x).sort();
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const top = sorted[Math.floor(sorted.length * 0.995)]!;
  const threshold = median + 0.5 * (top - median);
  const refractory = Math.round(0.25 * fs);
  const peaks: number[] = [];
  for (let t = 1; t < x.length - 1; t++) {
    if (x[t]! < threshold || x[t]! < x[t - 1]! || x[t]! < x[t + 1]!) continue;
    const last = peaks[peaks.length - 1];
    if (last !== undefined && t - last < refractory) {
      if (x[t]! > x[last]!) peaks[peaks.length - 1] = t;
    } else peaks.push(t);
  }
  return peaks;
}

function rrMs(rec: EcgRecord): number[] {
  const fs = rec.summary.samplingRateHz;
  const p = rPeaks(lead(rec, 'II'), fs);
  return p.slice(1).map((t, i) => ((t - p[i]!) / fs) * 1000);
}

function cv(xs: number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) / m;
}

describe('phantom lab ECG', () => {
  it('is a 12-lead, 500 Hz, 10 s record', () => {
    for (const rec of ecgs.values()) {
      expect(rec.summary.leads).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
      expect(rec.summary.samplingRateHz).toBe(500);
      expect(rec.summary.samplesPerLead).toBe(5000);
    }
  });

  it('limb leads obey Einthoven and Goldberger within quantisation (1 µV steps)', () => {
    for (const rec of ecgs.values()) {
      const [i, ii, iii, avr, avl, avf] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((n) => lead(rec, n)) as Float32Array[];
      let worst = 0;
      for (let t = 0; t < i!.length; t++) {
        worst = Math.max(
          worst,
          Math.abs(iii![t]! - (ii![t]! - i![t]!)),
          Math.abs(avr![t]! + (i![t]! + ii![t]!) / 2),
          Math.abs(avl![t]! - (i![t]! - ii![t]! / 2)),
          Math.abs(avf![t]! - (ii![t]! - i![t]! / 2)),
        );
      }
      // Each lead is rounded to 1 µV on its own: at most 1.5 µV between a lead and its derivation.
      expect(worst).toBeLessThanOrEqual(1.5);
    }
  });

  it('R-R intervals measured from the signal match the label', () => {
    for (const r of records) {
      const rr = rrMs(ecgs.get(r.id)!);
      const label = r.labels[0];
      const msg = `${r.id} ${label}: RR ${rr.map((x) => Math.round(x)).join(' ')}`;
      expect(rr.length, msg).toBeGreaterThanOrEqual(5);
      if (label === 'sinus bradycardia') expect(Math.min(...rr), msg).toBeGreaterThan(1000);
      else if (label === 'sinus tachycardia') expect(Math.max(...rr), msg).toBeLessThan(600);
      else if (label === 'atrial fibrillation') expect(cv(rr), msg).toBeGreaterThan(0.1);
      else {
        expect(cv(rr), msg).toBeLessThan(0.06);
        expect(Math.min(...rr), msg).toBeGreaterThan(600);
        expect(Math.max(...rr), msg).toBeLessThan(1050);
      }
    }
  });

  it('the detector finds exactly the beats the model placed, within 20 ms', () => {
    for (const r of records) {
      const study = synthesiseStudy(21, 'ecg', 'train', Number(r.id.slice(-4)) - 1, records.length);
      if (study.format !== 'wfdb') throw new Error('ECG must be WFDB');
      const found = rPeaks(lead(ecgs.get(r.id)!, 'II'), 500);
      expect(found.length, r.id).toBe(study.rPeaks.length);
      found.forEach((t, k) => expect(Math.abs(t - study.rPeaks[k]!), r.id).toBeLessThanOrEqual(10));
    }
  });
});
