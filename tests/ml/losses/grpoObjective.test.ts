import { describe, expect, it } from 'vitest';
import { grpoObjective, QOQ_MED_KL_COEF, type KlEstimator } from '../../../src-main/ml/losses/index.js';
import { runGraph } from '../graph/harness/runGraph.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { expectNear, feeds, scalarOf, tokenInputs, type FloatType } from './harness.js';
import { maskedMeanRef, policyLossRef, tokenKlRef } from './reference/lossFormulas.js';

const rand = seededRandom(41);
const [B, S] = [2, 4];
const logProbs = uniform(rand, B * S, -3, -0.05);
const oldLogProbs = logProbs.map((v) => v + (uniform(rand, 1, -0.5, 0.5)[0] as number));
const refLogProbs = logProbs.map((v) => v + (uniform(rand, 1, -1, 1)[0] as number));
const advantages = [1.3, -0.8];
const mask = [1, 1, 1, 0, 1, 1, 1, 1];
const settings = { clipLow: 0.2, clipHigh: 0.28, dualClip: 3 };

async function runObjective(dtype: FloatType, estimator: KlEstimator, klCoef: number) {
  const { g, t } = tokenInputs(dtype, ['logp', 'old', 'ref', 'mask'], [B, S]);
  const adv = g.input('adv', dtype, [B]);
  const out = grpoObjective(g, { logProbs: t.logp, oldLogProbs: t.old, refLogProbs: t.ref, advantages: adv, responseMask: t.mask, estimator, klCoef, ...settings });
  g.output(out.loss, 'loss');
  g.output(out.policyLoss, 'policy');
  g.output(out.kl, 'kl');
  const results = await runGraph(g, {
    ...feeds(dtype, [B, S], { logp: logProbs, old: oldLogProbs, ref: refLogProbs, mask }),
    ...feeds(dtype, [B], { adv: advantages }),
  });
  return { loss: scalarOf(results, 'loss'), policy: scalarOf(results, 'policy'), kl: scalarOf(results, 'kl') };
}

describe('grpoObjective = policy loss + klCoef · KL', () => {
  const perTokenA = logProbs.map((_, i) => advantages[Math.floor(i / S)] as number);
  const policy = policyLossRef({ logProbs, oldLogProbs, advantages: perTokenA, mask, ...settings }).loss;

  for (const [dtype, tol] of [['float64', 1e-12], ['float32', 1e-5]] as const) {
    for (const estimator of ['low_var_kl', 'k1'] as const) {
      // 0.5 makes the KL term visible at 1e-12; QOQ_MED_KL_COEF is the medical runs' setting.
      for (const klCoef of [QOQ_MED_KL_COEF, 0.5]) {
        it(`${estimator}, klCoef ${klCoef} (${dtype}, ≤ ${tol})`, async () => {
          const kl = maskedMeanRef(tokenKlRef(logProbs, refLogProbs, estimator), mask);
          const got = await runObjective(dtype, estimator, klCoef);
          expectNear(got.policy, policy, tol);
          expectNear(got.kl, kl, tol);
          expectNear(got.loss, policy + klCoef * kl, tol);
        });
      }
    }
  }

  it('klCoef 0 leaves the policy loss alone; a negative klCoef is refused', async () => {
    const got = await runObjective('float64', 'low_var_kl', 0);
    expect(got.loss).toBe(got.policy);
    const { g, t } = tokenInputs('float64', ['logp', 'old', 'ref', 'mask', 'adv'], [B, S]);
    const inputs = { logProbs: t.logp, oldLogProbs: t.old, refLogProbs: t.ref, advantages: t.adv, responseMask: t.mask, estimator: 'k1' as const, ...settings };
    expect(() => grpoObjective(g, { ...inputs, klCoef: -1e-4 })).toThrow(/klCoef/);
  });
});
