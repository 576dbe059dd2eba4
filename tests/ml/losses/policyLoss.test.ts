import { describe, expect, it } from 'vitest';
import { policyLoss, type PolicyLossInputs } from '../../../src-main/ml/losses/index.js';
import { runGraph } from '../graph/harness/runGraph.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { expectNear, feeds, scalarOf, tokenInputs, type FloatType } from './harness.js';
import { EPS, policyLossRef, type PolicyCase } from './reference/lossFormulas.js';

type Settings = Pick<PolicyLossInputs, 'clipLow' | 'clipHigh' | 'dualClip' | 'logRatioBound'>;
interface Case extends Settings {
  readonly dims: readonly [number, number];
  readonly logProbs: readonly number[];
  readonly oldLogProbs: readonly number[];
  readonly advantages: readonly number[]; // (B) or (B, S)
  readonly mask: readonly number[];
}

/** Builds policyLoss on (B, S) inputs, runs it in ORT, returns its four scalars. */
async function runPolicy(dtype: FloatType, c: Case) {
  const [b, s] = c.dims;
  const perSequence = c.advantages.length === b;
  const { g, t } = tokenInputs(dtype, ['logp', 'old', 'mask'], [b, s]);
  const advantages = g.input('adv', dtype, perSequence ? [b] : [b, s]);
  const out = policyLoss(g, { logProbs: t.logp, oldLogProbs: t.old, advantages, responseMask: t.mask, ...settings(c) });
  g.output(out.loss, 'loss');
  g.output(out.clipFraction, 'clipFraction');
  g.output(out.approxKl, 'approxKl');
  if (out.dualClipFraction) g.output(out.dualClipFraction, 'dualClipFraction');
  const results = await runGraph(g, {
    ...feeds(dtype, [b, s], { logp: c.logProbs, old: c.oldLogProbs, mask: c.mask }),
    ...feeds(dtype, perSequence ? [b] : [b, s], { adv: c.advantages }),
  });
  return {
    loss: scalarOf(results, 'loss'),
    clipFraction: scalarOf(results, 'clipFraction'),
    approxKl: scalarOf(results, 'approxKl'),
    dualClipFraction: out.dualClipFraction ? scalarOf(results, 'dualClipFraction') : 0,
  };
}

function settings(c: Settings): Settings {
  const { clipLow, clipHigh, dualClip, logRatioBound } = c;
  return { clipLow, clipHigh, ...(dualClip === undefined ? {} : { dualClip }), ...(logRatioBound === undefined ? {} : { logRatioBound }) };
}

/** The reference's view: advantages broadcast to one per token. */
function refCase(c: Case): PolicyCase {
  const [b, s] = c.dims;
  const advantages = c.advantages.length === b ? c.logProbs.map((_, i) => c.advantages[Math.floor(i / s)] as number) : c.advantages;
  return { ...settings(c), logProbs: c.logProbs, oldLogProbs: c.oldLogProbs, advantages, mask: c.mask };
}

async function expectMatchesRef(dtype: FloatType, c: Case, tol: number): Promise<void> {
  const got = await runPolicy(dtype, c);
  const want = policyLossRef(refCase(c));
  expectNear(got.loss, want.loss, tol);
  expectNear(got.clipFraction, want.clipFraction, tol);
  expectNear(got.approxKl, want.approxKl, tol);
  expectNear(got.dualClipFraction, c.dualClip === undefined ? 0 : want.dualClipFraction, tol);
}

// ε_low = 0.2, ε_high = 0.28 (asymmetric, so swapped bounds would show): clip range [0.8, 1.28].
// Row 0 has A = +1, row 1 has A = −1; ρ per token given; old log-probs −1, new = −1 + ln ρ.
// The last token of each row is masked and carries garbage (see the masking test).
const ratios = [1.1, 1.5, 0.5, 1, 0.5, 1.5, 5, 1];
const handCase: Case = {
  dims: [2, 4],
  logProbs: ratios.map((r) => -1 + Math.log(r)),
  oldLogProbs: new Array<number>(8).fill(-1),
  advantages: [1, 1, 1, 1, -1, -1, -1, -1],
  mask: [1, 1, 1, 0, 1, 1, 1, 0],
  clipLow: 0.2,
  clipHigh: 0.28,
};

describe('policyLoss: hand-worked clip cases (ε_low 0.2, ε_high 0.28)', () => {
  //  token   A    ρ     l₁ = −Aρ   l₂ = −A·clip(ρ)        max          clipped?  dual c = 3
  //  (0,0)  +1   1.1    −1.1       −1.1  (inside)          −1.1         no        −1.1
  //  (0,1)  +1   1.5    −1.5       −1.28 (above 1.28)      −1.28        yes       −1.28
  //  (0,2)  +1   0.5    −0.5       −0.8  (below 0.8)       −0.5         no        −0.5
  //  (1,0)  −1   0.5     0.5        0.8  (below 0.8)        0.8         yes        0.8
  //  (1,1)  −1   1.5     1.5        1.28 (above 1.28)       1.5         no         1.5
  //  (1,2)  −1   5       5          1.28                    5           no         min(5, 3) = 3 ← dual
  // Σ max = −1.1 − 1.28 − 0.5 + 0.8 + 1.5 + 5 = 4.42; with dual: 4.42 − 5 + 3 = 2.42. Six response tokens.
  // approxKl = mean(old − new) = −(ln 1.1 + ln 1.5 + ln 0.5 + ln 0.5 + ln 1.5 + ln 5)/6 = −ln(3.09375)/6.
  const six = 6 + EPS;

  it('PPO clip for A > 0 and A < 0, inside and outside the range', async () => {
    const got = await runPolicy('float64', handCase);
    expectNear(got.loss, 4.42 / six, 1e-12);
    expectNear(got.clipFraction, 2 / six, 1e-12);
    expectNear(got.approxKl, -Math.log(3.09375) / six, 1e-12);
  });

  it('dual clip c = 3 caps only the A < 0 token whose loss exceeds −A·c', async () => {
    const got = await runPolicy('float64', { ...handCase, dualClip: 3 });
    expectNear(got.loss, 2.42 / six, 1e-12);
    expectNear(got.clipFraction, 2 / six, 1e-12);
    expectNear(got.dualClipFraction, 1 / six, 1e-12);
  });

  it('a dual clip above every loss changes nothing', async () => {
    const got = await runPolicy('float64', { ...handCase, dualClip: 10 });
    expectNear(got.loss, 4.42 / six, 1e-12);
    expect(got.dualClipFraction).toBe(0);
  });

  it('masked tokens are ignored: any values there, even NaN or huge ratios, change nothing (bit for bit)', async () => {
    const base = await runPolicy('float64', { ...handCase, dualClip: 3 });
    const garbage: Case = {
      ...handCase,
      dualClip: 3,
      logProbs: handCase.logProbs.map((v, i) => (i === 3 ? 500 : i === 7 ? Number.NaN : v)),
      oldLogProbs: handCase.oldLogProbs.map((v, i) => (i === 3 ? -500 : v)),
      advantages: handCase.advantages.map((v, i) => (i === 3 ? -1e6 : i === 7 ? 7 : v)),
    };
    expect(await runPolicy('float64', garbage)).toEqual(base);
  });

  it('(B) advantages broadcast over the tokens of their response', async () => {
    // ρ = 1 everywhere (inside the clip): loss = mean(−A) = (−2 − 2 + 0.5 + 0.5)/4 = −3/4.
    const c: Case = { dims: [2, 2], logProbs: [-0.3, -2, -1, -0.1], oldLogProbs: [-0.3, -2, -1, -0.1], advantages: [2, -0.5], mask: [1, 1, 1, 1], clipLow: 0.2, clipHigh: 0.2 };
    const got = await runPolicy('float64', c);
    expectNear(got.loss, -3 / (4 + EPS), 1e-12);
    expect(got.clipFraction).toBe(0);
    expect(got.approxKl).toBe(0);
  });

  it('A = 0 gives zero loss whatever the ratio', async () => {
    const c: Case = { dims: [1, 3], logProbs: [-0.1, -3, -1], oldLogProbs: [-2, -0.5, -1], advantages: [0], mask: [1, 1, 1], clipLow: 0.2, clipHigh: 0.2, dualClip: 3 };
    expect(Math.abs((await runPolicy('float64', c)).loss)).toBe(0);
  });

  it('bounds the log-ratio at ±20 before exp (no overflow): A = −1, Δ = 30 → loss e²⁰', async () => {
    const c: Case = { dims: [1, 1], logProbs: [29], oldLogProbs: [-1], advantages: [-1], mask: [1], clipLow: 0.2, clipHigh: 0.2 };
    const got = await runPolicy('float64', c);
    expectNear(got.loss, Math.exp(20) / (1 + EPS), 1e-12);
    expectNear(got.approxKl, -20 / (1 + EPS), 1e-12);
  });
});

describe('policyLoss vs the plain-TS formula on random tokens', () => {
  const rand = seededRandom(21);
  const [b, s] = [3, 5];
  const logProbs = uniform(rand, b * s, -3, -0.05);
  const oldLogProbs = logProbs.map((v, i) => v + (uniform(rand, 1, -0.6, 0.6)[0] as number) * (i % 4 === 0 ? 2 : 1));
  const mask = Array.from({ length: b * s }, (_, i) => (i % s < 4 - (i % 2) ? 1 : 0));
  const perToken = uniform(rand, b * s, -2, 2);
  const perSequence = uniform(rand, b, -2, 2);
  const base = { dims: [b, s] as const, logProbs, oldLogProbs, mask, clipLow: 0.2, clipHigh: 0.28 };

  it('the random case exercises both clip sides and the dual clip', () => {
    const ref = policyLossRef(refCase({ ...base, advantages: perToken, dualClip: 1.2 }));
    expect(ref.clipFraction).toBeGreaterThan(0);
    expect(ref.dualClipFraction).toBeGreaterThan(0);
  });

  for (const [dtype, tol] of [['float64', 1e-12], ['float32', 1e-5]] as const) {
    for (const [label, advantages] of [['(B, S)', perToken], ['(B)', perSequence]] as const) {
      for (const dualClip of [undefined, 1.2]) {
        it(`${dtype}, ${label} advantages, dual clip ${dualClip ?? 'off'} (≤ ${tol})`, async () => {
          await expectMatchesRef(dtype, { ...base, advantages, ...(dualClip === undefined ? {} : { dualClip }) }, tol);
        });
      }
    }
  }
});

describe('policyLoss argument checks', () => {
  const { g, t } = tokenInputs('float64', ['logp', 'old', 'mask', 'adv'], [2, 3]);
  const ok = { logProbs: t.logp, oldLogProbs: t.old, advantages: t.adv, responseMask: t.mask, clipLow: 0.2, clipHigh: 0.2 };

  it('rejects bad clip settings', () => {
    expect(() => policyLoss(g, { ...ok, clipLow: 1 })).toThrow(/clipLow/);
    expect(() => policyLoss(g, { ...ok, clipHigh: -0.1 })).toThrow(/clipHigh/);
    expect(() => policyLoss(g, { ...ok, dualClip: 1 })).toThrow(/dualClip/);
    expect(() => policyLoss(g, { ...ok, logRatioBound: 0 })).toThrow(/logRatioBound/);
  });

  it('rejects advantages and masks of the wrong shape or dtype', () => {
    expect(() => policyLoss(g, { ...ok, advantages: g.input('a3', 'float64', [3]) })).toThrow(/advantages/);
    expect(() => policyLoss(g, { ...ok, advantages: g.input('a32', 'float32', [2]) })).toThrow(/advantages/);
    expect(() => policyLoss(g, { ...ok, responseMask: g.input('m', 'float64', [2]) })).toThrow(/shape/);
  });
});
