import { describe, expect, it } from 'vitest';
import { klPenalty, tokenKl, type KlEstimator } from '../../../src-main/ml/losses/index.js';
import { outputOf, runGraph } from '../graph/harness/runGraph.js';
import { expectClose } from '../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { expectNear, feeds, scalarOf, tokenInputs, type FloatType } from './harness.js';
import { EPS, maskedMeanRef, tokenKlRef } from './reference/lossFormulas.js';

interface KlCase {
  readonly dims: readonly [number, number];
  readonly logProbs: readonly number[];
  readonly refLogProbs: readonly number[];
  readonly mask: readonly number[];
}

/** Runs klPenalty (scalar) and tokenKl (per token) for one estimator. */
async function runKl(dtype: FloatType, estimator: KlEstimator, c: KlCase) {
  const { g, t } = tokenInputs(dtype, ['logp', 'ref', 'mask'], ['batch', 'seq']);
  g.output(klPenalty(g, { logProbs: t.logp, refLogProbs: t.ref, responseMask: t.mask, estimator }), 'kl');
  g.output(tokenKl(g, t.logp, t.ref, estimator), 'perToken');
  const out = await runGraph(g, feeds(dtype, c.dims, { logp: c.logProbs, ref: c.refLogProbs, mask: c.mask }));
  return { kl: scalarOf(out, 'kl'), perToken: Array.from(outputOf(out, 'perToken').data, Number) };
}

// d = ref − logp per token; logp = −2 everywhere, ref = −2 + d. Last token masked.
//   d        k1 = −d    k3 = e^d − d − 1
//   0          0        1 − 0 − 1 = 0
//   ln 2     −ln 2      2 − ln 2 − 1 = 1 − ln 2 ≈ 0.3069
//  −ln 2      ln 2      ½ + ln 2 − 1 = ln 2 − ½ ≈ 0.1931
//   15        −15       e¹⁵ − 16 ≈ 3.27e6 → clamped to 10
//  −15         15       e⁻¹⁵ + 14 ≈ 14 → clamped to 10
//   1000     −1000      (d bounded to 20 before exp: e²⁰ − 21) → 10, finite
//   3 (masked)
const ds = [0, Math.log(2), -Math.log(2), 15, -15, 1000, 3];
const hand: KlCase = {
  dims: [1, 7],
  logProbs: ds.map(() => -2),
  refLogProbs: ds.map((d) => -2 + d),
  mask: [1, 1, 1, 1, 1, 1, 0],
};

describe('klPenalty: hand-worked values', () => {
  it('low_var_kl (k3): e^d − d − 1, clamped at 10, masked mean over 6 tokens', async () => {
    const { kl, perToken } = await runKl('float64', 'low_var_kl', hand);
    const tokens = [0, 1 - Math.log(2), Math.log(2) - 0.5, 10, 10, 10];
    tokens.forEach((v, i) => expectNear(perToken[i] as number, v, 1e-12));
    expect(perToken[3]).toBe(10);
    expect(perToken[5]).toBe(10);
    // Σ = 0 + (1 − ln 2) + (ln 2 − ½) + 30 = 30.5
    expectNear(kl, 30.5 / (6 + EPS), 1e-12);
  });

  it('k1: logp − ref, masked mean over 6 tokens', async () => {
    const { kl } = await runKl('float64', 'k1', hand);
    // Σ −d = 0 − ln 2 + ln 2 − 15 + 15 − 1000 = −1000 (the masked d = 3 excluded)
    expectNear(kl, -1000 / (6 + EPS), 1e-12);
  });

  it('k3 is exactly 0 when the policies agree', async () => {
    const same: KlCase = { dims: [2, 2], logProbs: [-0.1, -1.5, -3, -0.7], refLogProbs: [-0.1, -1.5, -3, -0.7], mask: [1, 1, 1, 1] };
    const { kl, perToken } = await runKl('float64', 'low_var_kl', same);
    expect(perToken).toEqual([0, 0, 0, 0]);
    expect(kl).toBe(0);
  });

  it('masked tokens are ignored, even with NaN or infinite log-probs (bit for bit)', async () => {
    for (const estimator of ['k1', 'low_var_kl'] as const) {
      const base = await runKl('float64', estimator, hand);
      const changed: KlCase = { ...hand, logProbs: hand.logProbs.map((v, i) => (i === 6 ? Number.NaN : v)), refLogProbs: hand.refLogProbs.map((v, i) => (i === 6 ? -Infinity : v)) };
      expect((await runKl('float64', estimator, changed)).kl).toBe(base.kl);
    }
  });
});

describe('klPenalty vs the plain-TS formula on random tokens', () => {
  const rand = seededRandom(31);
  const dims = [3, 4] as const;
  const logProbs = uniform(rand, 12, -4, -0.01);
  const refLogProbs = logProbs.map((v) => v + (uniform(rand, 1, -1.5, 1.5)[0] as number));
  const mask = [1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1];
  const c: KlCase = { dims, logProbs, refLogProbs, mask };

  for (const [dtype, tol] of [['float64', 1e-12], ['float32', 1e-5]] as const) {
    for (const estimator of ['k1', 'low_var_kl'] as const) {
      it(`${estimator} (${dtype}, ≤ ${tol})`, async () => {
        const { kl, perToken } = await runKl(dtype, estimator, c);
        const want = tokenKlRef(logProbs, refLogProbs, estimator);
        expectClose(perToken, want, tol);
        expectNear(kl, maskedMeanRef(want, mask), tol);
        if (estimator === 'low_var_kl') expect(Math.min(...perToken)).toBeGreaterThanOrEqual(0);
      });
    }
  }
});
