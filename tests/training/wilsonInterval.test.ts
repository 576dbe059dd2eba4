/**
 * The held-out table's 95 % interval: Wilson score intervals checked against values worked by hand from
 * the formula (z = 1.96), and the README's verdict against chance built from them.
 */
import { describe, expect, it } from 'vitest';
import { summariseLab, type LabScoreRow } from '../../src-main/training/defaultModel/evaluateOnLab';
import { nanoReadme } from '../../src-main/training/defaultModel/nanoReadme';
import { wilsonInterval } from '../../src-main/training/defaultModel/wilsonInterval';

describe('wilsonInterval', () => {
  it('matches hand-worked intervals', () => {
    // 10 of 20: centre (0.5 + 1.9208/20)/(1 + 3.8416/20) = 0.5; half 1.96·√(0.0125 + 0.0024010)/1.19208 = 0.200704.
    const [low, high] = wilsonInterval(0.5, 20);
    expect(low).toBeCloseTo(0.299296, 5);
    expect(high).toBeCloseTo(0.700704, 5);
    // 20 of 20: centre 1.09604/1.19208 = 0.919435; half 1.96·0.0490/1.19208 = 0.080565 → [0.83887, 1].
    const [allLow, allHigh] = wilsonInterval(1, 20);
    expect(allLow).toBeCloseTo(0.83887, 4);
    expect(allHigh).toBe(1);
    // 0 of 20 mirrors it.
    expect(wilsonInterval(0, 20)[1]).toBeCloseTo(1 - 0.83887, 4);
    expect(wilsonInterval(0, 20)[0]).toBe(0);
  });

  it('narrows with n as 1/√n and refuses a rate outside [0, 1]', () => {
    const width = (n: number): number => {
      const [a, b] = wilsonInterval(0.5, n);
      return b - a;
    };
    expect(width(80) / width(20)).toBeCloseTo(0.5, 1);
    expect(() => wilsonInterval(1.2, 10)).toThrow(/not in \[0, 1\]/);
    expect(wilsonInterval(0.5, 0)).toEqual([0, 1]);
  });
});

describe('held-out table', () => {
  const rows = (domain: string, right: number, n: number, chanceF1: number): LabScoreRow[] =>
    Array.from({ length: n }, (_, i) => ({ domain, format: 1, f1: i < right ? 1 : 0, chanceF1, iou: null }));

  it('carries each domain\'s interval and says whether it clears chance', () => {
    // 7/20 against chance 1/3: the interval (0.18–0.57) includes chance; 16/20 (0.58–0.92) is above it;
    // 0/20 against chance 0.5 (0.00–0.16) is below it.
    const evaluation = summariseLab([...rows('ct', 7, 20, 1 / 3), ...rows('skin', 16, 20, 0.5), ...rows('pathology', 0, 20, 0.5)], []);
    expect(evaluation.domains.ct!.f1Interval[0]).toBeLessThan(1 / 3);
    expect(evaluation.domains.skin!.f1Interval[0]).toBeGreaterThan(0.5);
    const readme = nanoReadme(evaluation, { version: 't', parameters: { decoder: 1, vision: 1, ecg: 1 }, trainingData: 'x', recipe: 'SFT', seed: 1, trainMinutes: 1, buildMinutes: 1, machine: 'm' });
    expect(readme).toMatch(/^\| ct \| 20 \| 1\.00 \| 0\.35 \| 0\.18–0\.57 \| 0\.33 \| not distinguishable \|/m);
    expect(readme).toMatch(/^\| skin \| 20 \| 1\.00 \| 0\.80 \| 0\.58–0\.92 \| 0\.50 \| above \|/m);
    expect(readme).toMatch(/^\| pathology \| 20 \| 1\.00 \| 0\.00 \| 0\.00–0\.16 \| 0\.50 \| below \|/m);
  });
});
