// Plain-TS float64 references for the loss subgraphs, written from the formulas in the QoQ-Med
// reference notes §5 and verl/EasyR1's conventions with plain loops. They share no code with
// src-main/ml/losses, so a mistake in a builder cannot hide on both sides of a comparison.

/** verl/EasyR1 masked_mean's ε. */
export const EPS = 1e-8;

/** Σ x·m over m > 0 / (Σ m + ε). */
export function maskedMeanRef(x: readonly number[], mask: readonly number[]): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const m = mask[i] as number;
    if (m > 0) total += (x[i] as number) * m;
    count += m;
  }
  return total / (count + EPS);
}

/** log softmax(logits[b,t,:]/τ)[ids[b,t]] for (B·S) rows of V logits; ids outside [0, V) give 0. */
export function tokenLogProbsRef(logits: readonly number[], vocab: number, ids: readonly number[], temperature = 1): number[] {
  return ids.map((id, row) => {
    const z = logits.slice(row * vocab, (row + 1) * vocab).map((v) => v / temperature);
    const top = Math.max(...z);
    let sum = 0;
    for (const v of z) sum += Math.exp(v - top);
    if (id < 0 || id >= vocab) return 0;
    return (z[id] as number) - top - Math.log(sum);
  });
}

export interface PolicyCase {
  readonly logProbs: readonly number[];
  readonly oldLogProbs: readonly number[];
  /** One per token (already broadcast). */
  readonly advantages: readonly number[];
  readonly mask: readonly number[];
  readonly clipLow: number;
  readonly clipHigh: number;
  readonly dualClip?: number;
  readonly logRatioBound?: number;
}

export interface PolicyRef {
  readonly loss: number;
  readonly clipFraction: number;
  readonly dualClipFraction: number;
  readonly approxKl: number;
}

export function policyLossRef(c: PolicyCase): PolicyRef {
  const bound = c.logRatioBound ?? 20;
  const losses: number[] = [];
  const clippedFlags: number[] = [];
  const dualFlags: number[] = [];
  const negLogRatio: number[] = [];
  c.logProbs.forEach((lp, i) => {
    const a = c.advantages[i] as number;
    const logRatio = Math.min(Math.max(lp - (c.oldLogProbs[i] as number), -bound), bound);
    const ratio = Math.exp(logRatio);
    const l1 = -a * ratio;
    const l2 = -a * Math.min(Math.max(ratio, 1 - c.clipLow), 1 + c.clipHigh);
    let l = Math.max(l1, l2);
    let dual = 0;
    if (c.dualClip !== undefined && a < 0) {
      const l3 = -a * c.dualClip;
      dual = l > l3 ? 1 : 0;
      l = Math.min(l, l3);
    }
    losses.push(l);
    clippedFlags.push(l2 > l1 ? 1 : 0);
    dualFlags.push(dual);
    negLogRatio.push(-logRatio);
  });
  return {
    loss: maskedMeanRef(losses, c.mask),
    clipFraction: maskedMeanRef(clippedFlags, c.mask),
    dualClipFraction: maskedMeanRef(dualFlags, c.mask),
    approxKl: maskedMeanRef(negLogRatio, c.mask),
  };
}

/** Per-token k1 = logp − ref, or k3 = exp(d) − d − 1 with d = ref − logp (d clamped ±20), clamped to ±10. */
export function tokenKlRef(logProbs: readonly number[], refLogProbs: readonly number[], estimator: 'k1' | 'low_var_kl'): number[] {
  return logProbs.map((lp, i) => {
    const ref = refLogProbs[i] as number;
    if (estimator === 'k1') return lp - ref;
    const d = Math.min(Math.max(ref - lp, -20), 20);
    return Math.min(Math.max(Math.exp(d) - d - 1, -10), 10);
  });
}
