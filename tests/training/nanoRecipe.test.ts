import { describe, expect, it } from 'vitest';
import { describeDrawWeights, VISION_PRETRAIN } from '../../src-main/training/defaultModel/nanoRecipe';
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
