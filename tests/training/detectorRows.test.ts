/**
 * Lesion-detector rows of the nano recipe (token-level ridge regressions supervised by lab masks): a
 * one-input fit worked by hand, a two-input fit against the closed form solved by hand (2 × 2 inverse),
 * quiet on tokens of other domains, and the mask → token marks on the encoder's token grid.
 */
import { describe, expect, it } from 'vitest';
import { DetectorFit } from '../../src-main/training/defaultModel/detectorRows';
import { lesionTokenMarks } from '../../src-main/training/defaultModel/lesionTokenMarks';
import { seededRandom } from '../ml/graph/reference/rng.js';

const score = (row: { weight: Float64Array; bias: number }, x: readonly number[]): number => row.weight.reduce((s, w, k) => s + w * (x[k] as number), row.bias);

describe('DetectorFit', () => {
  it('one input by hand: tokens x = 1..4, the last two positive → row = spread·(x − 2.5)/σ, σ = √1.25, whatever the ridge', () => {
    for (const ridge of [0.01, 1, 100]) {
      const fit = new DetectorFit(1, [{ domain: 'd', label: 1 }]);
      fit.add([1, 2, 3, 4], [-1, -1, 0, 0]);
      const [row] = fit.fit({ ridge, spread: 2 });
      const sigma = Math.sqrt(1.25); // population spread of 1..4
      expect(row!.weight[0]).toBeCloseTo(2 / sigma, 12);
      expect(row!.bias).toBeCloseTo((-2 * 2.5) / sigma, 12);
      expect(score(row!, [4])).toBeCloseTo((2 * 1.5) / sigma, 12);
    }
    const fit = new DetectorFit(1, [{ domain: 'd', label: 1 }]);
    fit.add([1, 2], [-1, -1]);
    fit.add([3, 4], [0, 0]); // two images: the same tokens
    expect(fit.counts).toEqual({ tokens: 4, positives: 2 });
    expect(fit.fit({ ridge: 1, spread: 2 })[0]!.weight[0]).toBeCloseTo(2 / Math.sqrt(1.25), 12);
  });

  it('two inputs: the direction is (T + ridge·I)⁻¹·cov(z, y), here solved by hand', () => {
    // Tokens (x1, x2): (0,0) (2,0) (0,2) (2,2); positive: (2,0) and (2,2) → y = x1 / 2.
    // Both inputs have mean 1, spread 1, so z = x − 1; T = I (uncorrelated); cov(z, y) = (0.5, 0).
    // B = (I + ridge·I)⁻¹·(0.5, 0) = (0.5 / (1 + ridge), 0): the row reads x1 alone; scaled to rms `spread`.
    const fit = new DetectorFit(2, [{ domain: 'd', label: 0 }]);
    fit.add([0, 0, 2, 0, 0, 2, 2, 2], [-1, 0, -1, 0]);
    const [row] = fit.fit({ ridge: 0.5, spread: 3 });
    expect(row!.weight[0]).toBeCloseTo(3, 12);
    expect(row!.weight[1]).toBeCloseTo(0, 12);
    expect(row!.bias).toBeCloseTo(-3, 12);

    // Correlated inputs: x2 = x1 + noise-free offset pattern. Tokens (0,0) (1,1) (2,1) (3,3); y = (0,0,1,1).
    // Mean (1.5, 1.25); population covariance [[1.25, 1.125], [1.125, 1.1875]]; σ = (√1.25, √1.1875).
    const f2 = new DetectorFit(2, [{ domain: 'd', label: 0 }]);
    const tokens = [0, 0, 1, 1, 2, 1, 3, 3];
    f2.add(tokens, [-1, -1, 0, 0]);
    const ridge = 0.2;
    const [r2] = f2.fit({ ridge, spread: 1 });
    const s1 = Math.sqrt(1.25);
    const s2 = Math.sqrt(1.1875);
    const rho = 1.125 / (s1 * s2); // T = [[1, ρ], [ρ, 1]]
    // cov(z, y): Σ x y / n − μ ȳ, per input, over σ: x1 → (2 + 3)/4 − 1.5·0.5 = 0.5; x2 → (1 + 3)/4 − 1.25·0.5 = 0.375.
    const c = [0.5 / s1, 0.375 / s2];
    const a = 1 + ridge;
    const det = a * a - rho * rho;
    const b = [(a * c[0]! - rho * c[1]!) / det, (-rho * c[0]! + a * c[1]!) / det];
    const variance = b[0]! ** 2 + 2 * rho * b[0]! * b[1]! + b[1]! ** 2;
    const gain = 1 / Math.sqrt(variance);
    expect(r2!.weight[0]).toBeCloseTo((gain * b[0]!) / s1, 10);
    expect(r2!.weight[1]).toBeCloseTo((gain * b[1]!) / s2, 10);
    // Over the training tokens the row has mean 0 and root-mean-square 1.
    const values = [0, 1, 2, 3].map((t) => score(r2!, tokens.slice(2 * t, 2 * t + 2)));
    expect(values.reduce((s, v) => s + v, 0) / 4).toBeCloseTo(0, 10);
    expect(Math.sqrt(values.reduce((s, v) => s + v * v, 0) / 4)).toBeCloseTo(1, 10);
  });

  it('ranks held-out lesion tokens above plain ones and stays quiet on the tokens of another domain', () => {
    // Domain A tokens: background (0, 0, u) and lesion (1, 0, u); domain B tokens: (0, 1, u), never positive.
    const random = seededRandom(7);
    const token = (kind: 'plain' | 'lesion' | 'other'): number[] => [kind === 'lesion' ? 1 : 0, kind === 'other' ? 1 : 0, random() - 0.5].map((v) => v + 0.05 * (random() - 0.5));
    const fit = new DetectorFit(3, [{ domain: 'A', label: 0 }]);
    for (let image = 0; image < 40; image++) {
      const kinds: ('plain' | 'lesion' | 'other')[] = image % 2 === 0 ? ['plain', 'plain', 'plain', image % 4 === 0 ? 'lesion' : 'plain'] : ['other', 'other', 'other', 'other'];
      fit.add(kinds.flatMap(token), kinds.map((k) => (k === 'lesion' ? 0 : -1)));
    }
    const [row] = fit.fit({ ridge: 0.01, spread: 1 });
    const lesion = Array.from({ length: 20 }, () => score(row!, token('lesion')));
    const plain = Array.from({ length: 20 }, () => score(row!, token('plain')));
    const other = Array.from({ length: 20 }, () => score(row!, token('other')));
    expect(Math.min(...lesion)).toBeGreaterThan(Math.max(...plain, ...other) + 1);
    expect(Math.max(...other.map(Math.abs))).toBeLessThan(0.5);
  });

  it('refuses marks that do not fit the tokens, an unknown row and a non-positive ridge; rowOf finds rows', () => {
    const fit = new DetectorFit(2, [{ domain: 'ct', label: 0 }, { domain: 'ct', label: 1 }]);
    expect(fit.rowOf('ct', 1)).toBe(1);
    expect(fit.rowOf('ct', 2)).toBe(-1);
    expect(fit.rowOf('mri', 0)).toBe(-1);
    expect(() => fit.add([1, 2, 3], [-1])).toThrow(/not tokens of 2/);
    expect(() => fit.add([1, 2, 3, 4], [-1])).toThrow(/1 token marks for 2 tokens/);
    expect(() => fit.add([1, 2, 3, 4], [-1, 2])).toThrow(/row 2 of 2/);
    fit.add([1, 2, 3, 4], [-1, -1]);
    expect(() => fit.fit({ ridge: 0, spread: 1 })).toThrow(/ridge must be positive/);
    expect(() => new DetectorFit(2, [])).toThrow(/no detectors/);
  });
});

describe('lesionTokenMarks', () => {
  it("marks the tokens whose area holds ≥ minPixels mask pixels, in the encoder's raster order of merge windows", () => {
    // Patch grid 4 × 6, merge 2 → 2 × 3 tokens; an 8 × 12 mask → each token covers 4 × 4 mask pixels.
    const mask = { width: 12, height: 8, data: new Uint8Array(96) };
    const set = (x: number, y: number): void => void (mask.data[y * 12 + x] = 1);
    [[8, 0], [9, 0], [8, 1], [9, 1]].forEach(([x, y]) => set(x!, y!)); // 4 px in token (0, 2)
    [[0, 5], [1, 5], [2, 6]].forEach(([x, y]) => set(x!, y!)); // 3 px in token (1, 0)
    set(7, 7); // 1 px in token (1, 1)
    expect([...lesionTokenMarks(mask, [1, 4, 6], 2, 5, 4)]).toEqual([-1, -1, 5, -1, -1, -1]);
    expect([...lesionTokenMarks(mask, [1, 4, 6], 2, 5, 3)]).toEqual([-1, -1, 5, 5, -1, -1]);
    expect([...lesionTokenMarks(mask, [1, 4, 6], 2, 5, 1)]).toEqual([-1, -1, 5, 5, 5, -1]);
    expect([...lesionTokenMarks(null, [1, 4, 6], 2, 5, 1)]).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('maps a mask of another size than the grid by the fraction of the image each token covers', () => {
    // 5 × 5 tokens over a 128 × 128 CT slice (smart_resize scales the whole slice to 140 × 140): token (i, j)
    // covers rows ⌊128·i/5⌋ … ⌊128·(i+1)/5⌋ − 1, i.e. token (2, 3) holds pixels y 51–75, x 76–101.
    const mask = { width: 128, height: 128, data: new Uint8Array(128 * 128) };
    for (let y = 60; y < 64; y++) for (let x = 80; x < 84; x++) mask.data[y * 128 + x] = 1;
    const marks = lesionTokenMarks(mask, [1, 10, 10], 2, 0, 4);
    expect([...marks].flatMap((m, t) => (m === 0 ? [t] : []))).toEqual([2 * 5 + 3]);
    expect(() => lesionTokenMarks(mask, [1, 9, 10], 2, 0, 4)).toThrow(/not a multiple of the merge size 2/);
  });
});
