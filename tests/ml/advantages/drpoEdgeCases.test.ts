import { describe, expect, it } from 'vitest';
import { createDrpoState } from '../../../src-main/ml/advantages/DrpoState';
import { drpoAdvantages } from '../../../src-main/ml/advantages/drpoAdvantages';
import { expectClose } from './expectClose';

const EPS = 1e-6;
const R3 = Math.sqrt(3);

/** A batch of G = 3 questions in one domain from reward vectors. */
function batchOf(domain: string, vectors: number[][]): { questionIds: string[]; domains: string[]; rewards: number[] } {
  return {
    questionIds: vectors.flatMap((v, q) => v.map(() => `${domain}-${q}`)),
    domains: vectors.flatMap((v) => v.map(() => domain)),
    rewards: vectors.flat(),
  };
}

describe('DRPO edge cases', () => {
  it('μ_c ≤ 0: an all-zero cluster gets factor ε and its (zero) advantages stay exactly 0', () => {
    // path: [0,0,0] and [1,0,0] → 2 unique → K = 2; clusters μ_c = 0 (factor max(0, ε) = ε) and 1/3.
    // μ_d = (0/1 + (1/3)/1)/(1 + 1) = 1/6; N_d = 2; T_d = √2/6 = 0.2357023
    // [0,0,0] has GRPO 0 → 0 / (T_d · ε) = 0, never NaN.
    // [1,0,0]: GRPO [2/√3, −1/√3, −1/√3]; the batch std then rescales: scaled = GRPO/(T_d/3);
    //   the six values [a, −a/2, −a/2, 0, 0, 0] with a = 2/√3·(1/√3)/(1/√3+ε)/(√2/18) have
    //   Σ² = 1.5a², var = 0.3a², so final = [1/√0.3, −0.5/√0.3, −0.5/√0.3, 0, 0, 0] (up to ε)
    const result = drpoAdvantages(createDrpoState(), batchOf('path', [[1, 0, 0], [0, 0, 0]]));
    const path = result.perDomain[0]!;
    expect(path.K).toBe(2);
    const zero = path.clusters.find((c) => c.mu_c === 0)!;
    expect(zero.factor).toBe(EPS);
    expect(path.mu_d).toBeCloseTo(1 / 6, 12);
    expect(path.T_d).toBeCloseTo(Math.SQRT2 / 6, 12);
    expect(result.advantages.slice(3)).toEqual([0, 0, 0]);
    const s = Math.sqrt(0.3);
    expectClose(result.advantages.slice(0, 3), [1 / s, -0.5 / s, -0.5 / s], 5);
    expect(result.advantages.every(Number.isFinite)).toBe(true);
  });

  it('μ_d = 0: a domain whose rewards are all zero gets T_d = ε and a batch of zeros, not NaN', () => {
    const result = drpoAdvantages(createDrpoState(), batchOf('mri', [[0, 0, 0], [0, 0, 0]]));
    expect(result.perDomain[0]).toMatchObject({ N_d: 2, mu_d: 0, T_d: EPS, K: 1 });
    expect(result.perDomain[0]!.clusters).toEqual([{ size: 2, mu_c: 0, factor: EPS }]);
    expect(result.advantages).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a batch whose advantages are all 0 (std 0) returns zeros', () => {
    // every question has equal rewards → GRPO 0 → scaled 0 → std 0 → 0/(0 + ε) = 0
    const batch = {
      questionIds: ['a', 'a', 'b', 'b', 'c'],
      domains: ['ecg', 'ecg', 'cxr', 'cxr', 'ct'],
      rewards: [0.4, 0.4, 1, 1, 0.7], // 'c' is a single response: GRPO 0 by definition
    };
    const result = drpoAdvantages(createDrpoState(), batch);
    expect(result.grpo).toEqual([0, 0, 0, 0, 0]);
    expect(result.advantages).toEqual([0, 0, 0, 0, 0]);
  });

  it('a single question in a domain: K = 1, T_d = μ and factor = μ, so it is divided by μ²', () => {
    // [1,1,0]: μ_c = μ_d = 2/3, N = 1 → T_d = factor = 2/3 → divisor 4/9; alone in the batch the final std
    // division removes the scale: GRPO [1/√3, 1/√3, −2/√3] has Σ² = 2, var = 1 → final ≈ GRPO·√3 / √3
    const result = drpoAdvantages(createDrpoState(), batchOf('us', [[1, 1, 0]]));
    expect(result.perDomain[0]).toMatchObject({ N_d: 1, K: 1 });
    expect(result.perDomain[0]!.T_d).toBeCloseTo(2 / 3, 12);
    expect(result.perDomain[0]!.clusters[0]!.factor).toBeCloseTo(2 / 3, 12);
    expectClose(result.advantages, [1 / R3, 1 / R3, -2 / R3], 5);
  });

  it('all-identical vectors: one cluster of N_d questions, divisor N·μ²', () => {
    // three × [1,0,0]: 1 unique vector → K = 1; N_c = N_d = 3; μ_c = μ_d = 1/3
    // T_d = √3/3, factor = √3/3 → divisor 1/3 → scaled = 3·GRPO = [2√3, −√3, −√3] per question
    // Σ² = 3 · (12 + 3 + 3) = 54; var = 54/8 = 6.75; std = 3√3/2 = 2.5980762
    // final = [2√3, −√3, −√3] / (3√3/2) = [4/3, −2/3, −2/3] for each question
    const result = drpoAdvantages(createDrpoState(), batchOf('fundus', [[1, 0, 0], [1, 0, 0], [1, 0, 0]]));
    expect(result.perDomain[0]).toMatchObject({ N_d: 3, K: 1 });
    expect(result.perDomain[0]!.clusters.map((c) => c.size)).toEqual([3]);
    expect(result.perDomain[0]!.T_d).toBeCloseTo(R3 / 3, 12);
    expectClose(result.advantages, Array(3).fill([4 / 3, -2 / 3, -2 / 3]).flat(), 5);
  });

  it('a domain seen for the first time starts its history with this batch', () => {
    const state = createDrpoState();
    drpoAdvantages(state, batchOf('ecg', [[1, 0, 0]]));
    expect(state.domains.map((h) => h.domain)).toEqual(['ecg']);
    const result = drpoAdvantages(state, batchOf('skin', [[0, 1, 1], [1, 1, 1]]));
    expect(result.perDomain.map((d) => [d.domain, d.N_d])).toEqual([['skin', 2]]);
    const skin = state.domains.find((h) => h.domain === 'skin')!;
    expect(skin).toMatchObject({ dim: 3, seen: 2, vectors: [0, 1, 1, 1, 1, 1] });
    expect(skin.centroids.map((c) => c.length)).toEqual([3, 6]); // warm starts for k = 1, 2
  });

  it('a re-sampled question is clustered by this step’s vector, not its first one', () => {
    const state = createDrpoState();
    drpoAdvantages(state, batchOf('ecg', [[0, 0, 0], [1, 1, 0]]));
    // 'ecg-0' comes back with rewards [1, 1, 0]: it joins the [1,1,0] cluster (N_c = 2, μ_c = 2/3)
    const result = drpoAdvantages(state, batchOf('ecg', [[1, 1, 0]]));
    const ecg = result.perDomain[0]!;
    expect(ecg.N_d).toBe(3);
    expect(ecg.clusters.map((c) => c.size).sort()).toEqual([1, 2]);
  });

  it('rejects inconsistent batches', () => {
    const state = createDrpoState();
    const mixedDomain = { questionIds: ['a', 'a'], domains: ['ecg', 'cxr'], rewards: [1, 0] };
    expect(() => drpoAdvantages(state, mixedDomain)).toThrow(/appears in domains/);
    const mixedG = { questionIds: ['a', 'a', 'b'], domains: ['ecg', 'ecg', 'ecg'], rewards: [1, 0, 1] };
    expect(() => drpoAdvantages(state, mixedG)).toThrow(/mixes questions/);
    drpoAdvantages(state, batchOf('ecg', [[1, 0]]));
    const before = JSON.stringify(state);
    const twoDomains = { questionIds: ['x', 'x', 'y', 'y', 'y'], domains: ['ct', 'ct', 'ecg', 'ecg', 'ecg'], rewards: [1, 0, 1, 0, 0] };
    expect(() => drpoAdvantages(state, twoDomains)).toThrow(/history has 2/);
    expect(JSON.stringify(state)).toBe(before); // nothing appended to 'ct' either
    expect(() => drpoAdvantages(state, batchOf('ecg', [[1, Number.NaN]]))).toThrow(/not finite/);
  });
});
