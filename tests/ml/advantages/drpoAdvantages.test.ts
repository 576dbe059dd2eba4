import { describe, expect, it } from 'vitest';
import { advantagesForSteps } from '../../../src-main/ml/advantages/advantagesForSteps';
import { createDrpoState } from '../../../src-main/ml/advantages/DrpoState';
import { drpoAdvantages } from '../../../src-main/ml/advantages/drpoAdvantages';
import { parseDrpoState } from '../../../src-main/ml/advantages/parseDrpoState';
import { expectClose } from './expectClose';

const EPS = 1e-6;
const R3 = Math.sqrt(3);

/**
 * Step 1, G = 3 responses per question, two domains:
 *   ecg q1 [1,0,0]   ecg q2 [1,1,0]   cxr q3 [1,0,0]   cxr q4 [1,0,0]   cxr q5 [1,1,1]
 */
const step1 = {
  questionIds: ['q1', 'q1', 'q1', 'q2', 'q2', 'q2', 'q3', 'q3', 'q3', 'q4', 'q4', 'q4', 'q5', 'q5', 'q5'],
  domains: ['ecg', 'ecg', 'ecg', 'ecg', 'ecg', 'ecg', ...Array<string>(9).fill('cxr')],
  rewards: [1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1],
};

// GRPO. [1,0,0]: mean 1/3, dev [2/3,−1/3,−1/3], Σdev² = 6/9, var = (6/9)/2 = 1/3, std = 1/√3 = 0.5773503
//   A = dev/(std + ε) = [1.1546985, −0.5773493, −0.5773493]  (≈ [2/√3, −1/√3, −1/√3])
// [1,1,0]: mirror image → [0.5773493, 0.5773493, −1.1546985].  [1,1,1]: all equal → 0.
const a100 = [2 / 3 / (1 / R3 + EPS), -1 / 3 / (1 / R3 + EPS), -1 / 3 / (1 / R3 + EPS)];
const a110 = [-a100[1]!, -a100[2]!, -a100[0]!];
const grpo1 = [...a100, ...a110, ...a100, ...a100, 0, 0, 0];

// ecg: history {[1,0,0], [1,1,0]} → 2 unique vectors → sweep k = 1..2 → elbow with two SSEs → K = 2.
//   Each question is its own cluster: N_c = 1, μ_c = 1/3 and 2/3.
//   μ_d = (1/3·1 + 2/3·1) / (1 + 1) = 1/2;  N_d = 2;  T_d = √2 · 1/2 = 0.7071068
//   factors: max(√1 · 1/3, ε) = 1/3 and 2/3
// cxr: history {[1,0,0], [1,0,0], [1,1,1]} → 2 unique → K = 2: {q3, q4} and {q5}.
//   N_c = 2, μ_c = 1/3;  N_c = 1, μ_c = 1
//   μ_d = (1/3 / 2 + 1 / 1) / (1/2 + 1/1) = (7/6) / (3/2) = 7/9 = 0.7777778;  N_d = 3
//   T_d = √3 · 7/9 = 1.3471506;  factors √2 · 1/3 = 0.4714045 and √1 · 1 = 1
// Divisors T_d · factor: q1 √2/6 = 0.2357023, q2 √2/3 = 0.4714045, q3 = q4 = 7√6/27 = 0.6350529, q5 1.3471506
const T_ecg = Math.SQRT2 / 2;
const T_cxr = (R3 * 7) / 9;
const f_q1 = 1 / 3;
const f_q2 = 2 / 3;
const f_q34 = Math.SQRT2 / 3;

/** Divides each response by its question's divisor, then by the batch's unbiased std + ε. */
function finalize(grpo: number[], divisors: number[]): number[] {
  const scaled = grpo.map((a, i) => a / divisors[Math.floor(i / 3)]!);
  const mean = scaled.reduce((s, v) => s + v, 0) / scaled.length;
  const std = Math.sqrt(scaled.reduce((s, v) => s + (v - mean) ** 2, 0) / (scaled.length - 1));
  return scaled.map((v) => v / (std + EPS));
}

describe('drpoAdvantages: one step by hand', () => {
  it('computes GRPO, the per-domain statistics and the final advantages', () => {
    const state = createDrpoState();
    const result = drpoAdvantages(state, step1);
    expectClose(result.grpo, grpo1, 12);

    const [ecg, cxr] = result.perDomain;
    expect(ecg).toMatchObject({ domain: 'ecg', N_d: 2, K: 2 });
    expect(ecg!.mu_d).toBeCloseTo(0.5, 12);
    expect(ecg!.T_d).toBeCloseTo(T_ecg, 12);
    const ecgClusters = [...ecg!.clusters].sort((p, q) => p.mu_c - q.mu_c);
    expect(ecgClusters.map((c) => c.size)).toEqual([1, 1]);
    expectClose(ecgClusters.map((c) => c.mu_c), [1 / 3, 2 / 3], 12);
    expectClose(ecgClusters.map((c) => c.factor), [f_q1, f_q2], 12);

    expect(cxr).toMatchObject({ domain: 'cxr', N_d: 3, K: 2 });
    expect(cxr!.mu_d).toBeCloseTo(7 / 9, 12);
    expect(cxr!.T_d).toBeCloseTo(T_cxr, 12);
    const cxrClusters = [...cxr!.clusters].sort((p, q) => p.mu_c - q.mu_c);
    expect(cxrClusters.map((c) => c.size)).toEqual([2, 1]);
    expectClose(cxrClusters.map((c) => c.mu_c), [1 / 3, 1], 12);
    expectClose(cxrClusters.map((c) => c.factor), [f_q34, 1], 12);

    // Scaled (before the batch std), with the exact forms ignoring ε:
    //   q1 [2/√3, −1/√3, −1/√3] / (√2/6)   = [2√6, −√6, −√6]         = [4.898979, −2.449490, −2.449490]
    //   q2 [1/√3, 1/√3, −2/√3] / (√2/3)    = [√6/2, √6/2, −√6]        = [1.224745, 1.224745, −2.449490]
    //   q3, q4 [2/√3, −1/√3, −1/√3] / (7√6/27) = [9√2/7, −9√2/14, −9√2/14] = [1.818275, −0.909137, −0.909137]
    //   q5 [0, 0, 0]
    // mean 0 (GRPO sums to 0 per question); Σ² = 36 + 9 + 2·243/49 = 54.918367; var = Σ²/14 = 3.922741
    // std = 1.980591 → final = scaled / (std + ε):
    //   q1 [2.473494, −1.236747, −1.236747], q2 [0.618373, 0.618373, −1.236747],
    //   q3 = q4 [0.918047, −0.459023, −0.459023], q5 [0, 0, 0]
    const expected = finalize(grpo1, [T_ecg * f_q1, T_ecg * f_q2, T_cxr * f_q34, T_cxr * f_q34, T_cxr * 1]);
    expectClose(result.advantages, expected, 10);
    expectClose(
      result.advantages,
      [2.473494, -1.236747, -1.236747, 0.618373, 0.618373, -1.236747, 0.918047, -0.459023, -0.459023, 0.918047, -0.459023, -0.459023, 0, 0, 0],
      5,
    );
  });

  it('ablation modes divide by only one of the two temperatures', () => {
    // inter-domain-only: divisors T_d → q1, q2: 0.7071068; q3..q5: 1.3471506
    //   scaled q1 = [1.632993, −0.816497, −0.816497]; std of the 15 values = 0.853734
    const inter = drpoAdvantages(createDrpoState(), step1, { mode: 'inter-domain-only' });
    expectClose(inter.advantages, finalize(grpo1, [T_ecg, T_ecg, T_cxr, T_cxr, T_cxr]), 10);
    expect(inter.advantages[0]).toBeCloseTo(1.912762, 5);

    // intra-domain-only: divisors = cluster factors → 1/3, 2/3, √2/3, √2/3, 1
    //   scaled q1 = [3.464102, −1.732051, −1.732051]; std = 1.700838
    const intra = drpoAdvantages(createDrpoState(), step1, { mode: 'intra-domain-only' });
    expectClose(intra.advantages, finalize(grpo1, [f_q1, f_q2, f_q34, f_q34, 1]), 10);
    expect(intra.advantages[0]).toBeCloseTo(2.036699, 5);
  });

  it('groups a question’s responses wherever they sit in the batch', () => {
    // Same batch, responses interleaved: q1 r1, q2 r1, q1 r2, … — results follow their responses.
    const order = [0, 3, 1, 4, 2, 5, 6, 9, 12, 7, 10, 13, 8, 11, 14];
    const shuffled = {
      questionIds: order.map((i) => step1.questionIds[i]!),
      domains: order.map((i) => step1.domains[i]!),
      rewards: order.map((i) => step1.rewards[i]!),
    };
    const plain = drpoAdvantages(createDrpoState(), step1).advantages;
    const mixed = drpoAdvantages(createDrpoState(), shuffled).advantages;
    expectClose(mixed, order.map((i) => plain[i]!), 12);
  });
});

/**
 * Step 2: ecg q6 [0,0,1] (history now 3 vectors) and derm q7 [0.5,0.5,0] (a domain seen for the first time).
 */
const step2 = {
  questionIds: ['q6', 'q6', 'q6', 'q7', 'q7', 'q7'],
  domains: ['ecg', 'ecg', 'ecg', 'derm', 'derm', 'derm'],
  rewards: [0, 0, 1, 0.5, 0.5, 0],
};

describe('drpoAdvantages: history across steps', () => {
  it('clusters the new question together with the previous step’s history', () => {
    const state = createDrpoState();
    drpoAdvantages(state, step1);
    const result = drpoAdvantages(state, step2);

    // ecg history {[1,0,0], [1,1,0], [0,0,1]}: 3 unique vectors → k = 1..3.
    //   SSE_1: mean (2/3, 1/3, 1/3); distances² 1/3, 2/3, 1 → 2.
    //   SSE_2 is 0.5 ({q1,q2} | {q6}), or a local optimum 1 or 1.5; SSE_3 = 0.
    //   drops [1.5, 0.5] / [1, 1] / [0.5, 1.5]: the second is never < 10% of the first → K = 3.
    //   N_c = 1 each; μ_c = 1/3, 2/3, 1/3; μ_d = (1/3 + 2/3 + 1/3)/3 = 4/9; N_d = 3
    //   T_d = √3 · 4/9 = 0.7698004; q6's factor = 1/3 → divisor √3·4/27 = 0.2566001
    const ecg = result.perDomain[0]!;
    expect(ecg).toMatchObject({ domain: 'ecg', N_d: 3, K: 3 });
    expect(ecg.mu_d).toBeCloseTo(4 / 9, 12);
    expect(ecg.T_d).toBeCloseTo((R3 * 4) / 9, 12);

    // derm: first time, one question → K = 1, N_c = N_d = 1, μ_c = μ_d = 1/3, T_d = 1/3, factor = 1/3.
    const derm = result.perDomain[1]!;
    expect(derm).toMatchObject({ domain: 'derm', N_d: 1, K: 1 });
    expect(derm.T_d).toBeCloseTo(1 / 3, 12);
    expect(derm.clusters).toHaveLength(1);
    expect(derm.clusters[0]!.size).toBe(1);
    expect(derm.clusters[0]!.factor).toBeCloseTo(1 / 3, 12);

    // GRPO q6 [0,0,1] = [−1/√3, −1/√3, 2/√3]·(1/√3)/(1/√3 + ε);  q7 [.5,.5,0]: mean 1/3,
    //   dev [1/6, 1/6, −1/3], var (1/36+1/36+4/36)/2 = 1/12, std = 0.2886751 → [1/√3, 1/√3, −2/√3]
    // scaled q6 = GRPO / (√3·4/27) = [−27/12, −27/12, 54/12] = [−2.25, −2.25, 4.5]
    // scaled q7 = GRPO / (1/3 · 1/3) = [3√3, 3√3, −6√3] = [5.196152, 5.196152, −10.392305]
    // Σ² = 2·5.0625 + 20.25 + 2·27 + 108 = 192.375; var = 192.375/5 = 38.475; std = 6.202822
    // final = [−0.362738, −0.362738, 0.725476, 0.837708, 0.837708, −1.675415]
    const g6 = [-1 / 3 / (1 / R3 + EPS), -1 / 3 / (1 / R3 + EPS), 2 / 3 / (1 / R3 + EPS)];
    const std7 = 1 / (2 * R3);
    const g7 = [1 / 6 / (std7 + EPS), 1 / 6 / (std7 + EPS), -1 / 3 / (std7 + EPS)];
    expectClose(result.grpo, [...g6, ...g7], 12);
    expectClose(result.advantages, finalize([...g6, ...g7], [(R3 * 4) / 27, 1 / 9]), 10);
    expectClose(result.advantages, [-0.362738, -0.362738, 0.725476, 0.837708, 0.837708, -1.675415], 5);

    // Without step 1's history ecg would be a lone question (divisor 1/9) — the history matters:
    const fresh = drpoAdvantages(createDrpoState(), step2);
    expect(fresh.perDomain[0]).toMatchObject({ N_d: 1, K: 1 });
    expect(fresh.advantages[2]).not.toBeCloseTo(result.advantages[2]!, 3);

    expect(state.domains.map((h) => [h.domain, h.seen, h.vectors.length / h.dim])).toEqual([
      ['ecg', 3, 3],
      ['cxr', 3, 3],
      ['derm', 1, 1],
    ]);
  });

  it('continues identically after a JSON round trip of the state', () => {
    const live = createDrpoState({ seed: 7 });
    drpoAdvantages(live, step1);
    const resumed = parseDrpoState(JSON.parse(JSON.stringify(live)));
    expect(resumed).toEqual(live);

    const step3 = {
      questionIds: ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c'],
      domains: ['cxr', 'cxr', 'cxr', 'cxr', 'cxr', 'cxr', 'ecg', 'ecg', 'ecg'],
      rewards: [0.2, 0.9, 0.4, 0.7, 0.7, 0.1, 0.3, 0.6, 0.8],
    };
    for (const batch of [step2, step3, step1]) {
      expect(drpoAdvantages(resumed, batch)).toEqual(drpoAdvantages(live, batch));
    }
    expect(resumed).toEqual(live);
  });

  it('rejects a malformed checkpoint', () => {
    const state = createDrpoState();
    drpoAdvantages(state, step1);
    const json = JSON.parse(JSON.stringify(state)) as { domains: { vectors: number[] }[] };
    json.domains[0]!.vectors.pop(); // no longer whole rows
    expect(() => parseDrpoState(json)).toThrow();
    expect(() => parseDrpoState({ version: 2 })).toThrow();
  });

  it('caps retained history when asked, while N_d keeps counting every question', () => {
    const state = createDrpoState({ maxHistoryPerDomain: 2 });
    drpoAdvantages(state, step1);
    const result = drpoAdvantages(state, step2);
    // ecg: step 1 left 2 rows (cap 2, nothing dropped); step 2 clusters 2 + 1 rows, then keeps the last 2.
    expect(result.perDomain[0]).toMatchObject({ N_d: 3, K: 3 });
    const cxr = state.domains.find((h) => h.domain === 'cxr')!;
    expect([cxr.seen, cxr.vectors]).toEqual([3, [1, 0, 0, 1, 1, 1]]); // oldest [1,0,0] dropped
    const ecg = state.domains.find((h) => h.domain === 'ecg')!;
    expect(ecg.vectors).toEqual([1, 1, 0, 0, 0, 1]);
  });
});

describe('advantagesForSteps', () => {
  it('runs the steps through one state with default settings', () => {
    const steps = [step1, step2].map((s) => ({ question: s.questionIds, domain: s.domains, reward: s.rewards }));
    const out = advantagesForSteps({ steps });
    const state = createDrpoState();
    const r1 = drpoAdvantages(state, step1);
    const r2 = drpoAdvantages(state, step2);
    expect(out).toEqual({ grpo: [r1.grpo, r2.grpo], drpo: [r1.advantages, r2.advantages] });
    expect(out.drpo[1]![0]).toBeCloseTo(-0.362738, 5);
  });

  it('rejects steps whose arrays differ in length', () => {
    expect(() => advantagesForSteps({ steps: [{ question: ['a'], domain: ['x', 'x'], reward: [1] }] })).toThrow(RangeError);
  });
});
