import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_COUNTS, DEFAULT_TRAIN_COUNTS, LAB_DOMAIN_NAMES, LAB_DOMAINS, studyPlan } from '../../src-main/lab';

describe('phantom lab default counts and plans', () => {
  it('train is imbalanced like the paper: cxr ~40 %, ECG and mammography 3–5 %', () => {
    const total = Object.values(DEFAULT_TRAIN_COUNTS).reduce((s, n) => s + n, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(DEFAULT_TRAIN_COUNTS.cxr / total).toBeCloseTo(0.4, 1);
    for (const rare of ['ecg', 'mammography'] as const) {
      expect(DEFAULT_TRAIN_COUNTS[rare] / total).toBeGreaterThanOrEqual(0.03);
      expect(DEFAULT_TRAIN_COUNTS[rare] / total).toBeLessThanOrEqual(0.05);
    }
  });

  it('test is balanced over the nine domains', () => {
    expect(new Set(Object.values(DEFAULT_TEST_COUNTS)).size).toBe(1);
    expect(Object.keys(DEFAULT_TEST_COUNTS).sort()).toEqual([...LAB_DOMAIN_NAMES].sort());
  });

  it('every label gets an equal share and a spread of difficulties from easy to hard', () => {
    for (const domain of LAB_DOMAIN_NAMES) {
      const labels = LAB_DOMAINS[domain].labels;
      const count = DEFAULT_TRAIN_COUNTS[domain];
      const plans = Array.from({ length: count }, (_, i) => studyPlan(labels, i, count, 0.5));
      for (const label of labels) {
        const d = plans.filter((p) => p.label === label).map((p) => p.difficulty);
        expect(d.length).toBeGreaterThanOrEqual(Math.floor(count / labels.length));
        expect(Math.min(...d)).toBeLessThan(0.35);
        if (d.length >= 3) expect(Math.max(...d)).toBeGreaterThan(0.65);
      }
    }
  });
});
