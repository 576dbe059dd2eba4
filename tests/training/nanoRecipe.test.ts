import { describe, expect, it } from 'vitest';
import { describeDrawWeights, NANO_PRETRAIN_COUNTS, NANO_TRAIN_COUNTS, SFT_DOMAIN_REPEATS, sftCheckpointSteps, VISION_PRETRAIN } from '../../src-main/training/defaultModel/nanoRecipe';
import { weightedDomainPicker } from '../../src-main/training/defaultModel/lesionTokenPretraining';
import { LAB_DOMAIN_NAMES } from '../../src-main/lab/index';

describe('describeDrawWeights', () => {
  it('lists one, two and three weighted domains as a sentence', () => {
    expect(describeDrawWeights({ ct: 3 })).toBe('ct 3× as often as each other domain');
    expect(describeDrawWeights({ ct: 3, fundus: 2 })).toBe('ct 3× and fundus 2× as often as each other domain');
    expect(describeDrawWeights({ ct: 3, mammography: 3, fundus: 2 })).toBe('ct 3×, mammography 3× and fundus 2× as often as each other domain');
  });

  it('says when no domain is weighted', () => {
    expect(describeDrawWeights({})).toBe('every domain equally often');
  });
});

describe('the recipe\'s vision pre-training draw weights', () => {
  it('name only image domains of the lab, with positive weights the picker accepts', () => {
    const imageDomains = LAB_DOMAIN_NAMES.filter((d) => d !== 'ecg');
    for (const [domain, w] of Object.entries(VISION_PRETRAIN.domainWeights)) {
      expect(imageDomains).toContain(domain);
      expect(w).toBeGreaterThan(0);
    }
    // Shares by hand: weights sum to (8 − weighted domains) + Σ weights; ct's share is its weight over that sum.
    const weights: Record<string, number> = VISION_PRETRAIN.domainWeights;
    const total = imageDomains.length - Object.keys(weights).length + Object.values(weights).reduce((a, b) => a + b, 0);
    const pick = weightedDomainPicker([...imageDomains].sort(), weights);
    const draws = 13_000;
    let ct = 0;
    for (let i = 0; i < draws; i++) if (pick((i + 0.5) / draws) === 'ct') ct++;
    expect(ct / draws).toBeCloseTo(weights.ct! / total, 3);
  });
});

describe('the recipe\'s SFT repeats and pre-training split', () => {
  it('repeat only lab domains, a whole number of times', () => {
    for (const [domain, n] of Object.entries(SFT_DOMAIN_REPEATS)) {
      expect(LAB_DOMAIN_NAMES).toContain(domain);
      expect(Number.isInteger(n) && n! >= 1).toBe(true);
    }
  });

  it('pre-train every image domain on more studies than the decoder trains on', () => {
    // The encoders memorised splits the size of the training split (fundus in 1.3.x, mammography in 1.5.0).
    for (const domain of LAB_DOMAIN_NAMES.filter((d) => d !== 'ecg')) expect(NANO_PRETRAIN_COUNTS[domain]).toBeGreaterThanOrEqual(2 * NANO_TRAIN_COUNTS[domain]);
  });
});

describe('sftCheckpointSteps', () => {
  it('scores every 250 steps over the last 40 % of the run, and always the last step', () => {
    // 2500 steps: the last 40 % starts at step 1500.
    expect(sftCheckpointSteps(2500)).toEqual([1500, 1750, 2000, 2250, 2500]);
    // A run whose length is not a multiple of the interval still ends on its last step.
    expect(sftCheckpointSteps(1100)).toEqual([750, 1000, 1100]);
    // A smoke run shorter than one interval: its only checkpoint is its end.
    expect(sftCheckpointSteps(4)).toEqual([4]);
    expect(sftCheckpointSteps(10, { every: 2, lastFraction: 0.5 })).toEqual([6, 8, 10]);
  });
});
