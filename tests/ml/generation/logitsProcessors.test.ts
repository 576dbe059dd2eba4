import { describe, expect, it } from 'vitest';
import { RepetitionPenalty } from '../../../src-main/ml/generation/RepetitionPenalty';
import { Temperature } from '../../../src-main/ml/generation/Temperature';
import { TopK } from '../../../src-main/ml/generation/TopK';
import { TopP } from '../../../src-main/ml/generation/TopP';
import { applyLogitsProcessors } from '../../../src-main/ml/generation/LogitsProcessor';
import { buildLogitsProcessors } from '../../../src-main/ml/generation/buildLogitsProcessors';
import { Xoshiro128StarStar } from '../../../src-main/ml/random/Xoshiro128StarStar';
import { resolveGenerationConfig } from '../../../src-main/ml/generation/GenerationConfig';

/** HF's rule verbatim: sort ascending, cumulative softmax, drop where cumsum <= 1 − p, keep the top one. */
function referenceTopP(logits: Float32Array, p: number): number[] {
  const exps = [...logits].map((x) => Math.exp(x - Math.max(...logits)));
  const sum = exps.reduce((a, b) => a + b, 0);
  const ascending = [...logits.keys()].sort((a, b) => exps[a]! - exps[b]! || b - a);
  const out = [...logits];
  let cumulative = 0;
  ascending.forEach((id, rank) => {
    cumulative += exps[id]! / sum;
    if (cumulative <= 1 - p && rank < ascending.length - 1) out[id] = -Infinity;
  });
  return out;
}

const f32 = (xs: number[]): Float32Array => Float32Array.from(xs);
const none = new Set<number>();

describe('RepetitionPenalty', () => {
  it('divides positive, multiplies negative logits of seen tokens only, once per token', () => {
    // seen {0, 1} (0 listed twice in the sequence, penalised once): 2/2 = 1, −1·2 = −2; 0.5 and −3 unseen.
    const out = new RepetitionPenalty(2).process(f32([2, -1, 0.5, -3]), new Set([0, 1, 0]));
    expect([...out]).toEqual([1, -2, 0.5, -3]);
  });

  it('QoQ-Med 1.05: 1.05 → 1.0, −2 → −2.1, 0 stays 0', () => {
    const out = new RepetitionPenalty(1.05).process(f32([1.05, -2, 0]), new Set([0, 1, 2]));
    expect(out[0]).toBeCloseTo(1.0, 6);
    expect(out[1]).toBeCloseTo(-2.1, 6);
    expect(out[2]).toBe(0);
  });

  it('works in place and ignores ids outside the row', () => {
    const logits = f32([4]);
    const out = new RepetitionPenalty(2).process(logits, new Set([0, 7, -1]));
    expect(out).toBe(logits);
    expect(logits[0]).toBe(2);
  });

  it('rejects a non-positive penalty', () => {
    expect(() => new RepetitionPenalty(0)).toThrow();
  });
});

describe('Temperature', () => {
  it('divides every logit by t', () => {
    expect([...new Temperature(2).process(f32([2, -1, 0, 4]))]).toEqual([1, -0.5, 0, 2]);
  });

  it('rejects 0 (greedy is a sampler choice) and negatives', () => {
    expect(() => new Temperature(0)).toThrow(/greedy/);
    expect(() => new Temperature(-1)).toThrow();
  });
});

describe('TopK', () => {
  it('keeps the k largest, masks the rest with -Infinity', () => {
    expect([...new TopK(2).process(f32([1, 3, 2, 0]))]).toEqual([-Infinity, 3, 2, -Infinity]);
  });

  it('keeps every token tied with the k-th value (HF: remove only logit < k-th largest)', () => {
    // 2nd largest of [3, 1, 1, 0] is 1 → both 1s stay, only 0 goes.
    expect([...new TopK(2).process(f32([3, 1, 1, 0]))]).toEqual([3, 1, 1, -Infinity]);
  });

  it('k ≥ V changes nothing', () => {
    expect([...new TopK(10).process(f32([1, 2]))]).toEqual([1, 2]);
  });
});

describe('TopP', () => {
  // softmax([2, 1, 0, −1]): e² = 7.389056, e¹ = 2.718282, e⁰ = 1, e⁻¹ = 0.367879, sum = 11.475217
  //   p = [0.643914, 0.236883, 0.087144, 0.032059]
  //   cumulative mass in descending order: 0.643914, 0.880797, 0.967941, 1
  // A token is kept while the mass ranked above it is < top_p:
  //   top_p 0.9 : above-masses 0, 0.644, 0.881 < 0.9 → keep 0, 1, 2; token 3 has 0.968 above → masked.
  //   (HF ascending check: cumsum from the bottom [0.032, 0.119, 0.356, 1]; ≤ 1 − 0.9 = 0.1 → only token 3.)
  it('top-p 0.9 on softmax([2, 1, 0, −1]) keeps exactly tokens 0, 1, 2', () => {
    expect([...new TopP(0.9).process(f32([2, 1, 0, -1]))]).toEqual([2, 1, 0, -Infinity]);
  });

  it('boundaries: 0.88 keeps 2 tokens (0.8808 ≥ 0.88), 0.89 keeps 3', () => {
    expect([...new TopP(0.88).process(f32([2, 1, 0, -1]))]).toEqual([2, 1, -Infinity, -Infinity]);
    expect([...new TopP(0.89).process(f32([2, 1, 0, -1]))]).toEqual([2, 1, 0, -Infinity]);
  });

  it('ranks by probability, not by position', () => {
    expect([...new TopP(0.9).process(f32([-1, 0, 2, 1]))]).toEqual([-Infinity, 0, 2, 1]);
  });

  it('always keeps at least the top token', () => {
    // 0.643914 already exceeds 0.01 → only the top token survives.
    expect([...new TopP(0.01).process(f32([2, 1, 0, -1]))]).toEqual([2, -Infinity, -Infinity, -Infinity]);
  });

  it('tokens already masked stay masked and do not count', () => {
    // After TopK(2): softmax([2, 1]) = [0.731, 0.269]; 0.731 < 0.9 → both kept.
    const logits = new TopK(2).process(f32([2, 1, 0, -1]));
    expect([...new TopP(0.9).process(logits)]).toEqual([2, 1, -Infinity, -Infinity]);
  });

  it('equals a full-sort reference on random rows (the candidate narrowing changes nothing)', () => {
    const rng = new Xoshiro128StarStar(11);
    for (let trial = 0; trial < 40; trial++) {
      const V = 1 + Math.floor(rng.nextFloat() * 300);
      const spread = [0.5, 4, 20][trial % 3]!;
      const row = Float32Array.from({ length: V }, () => (rng.nextFloat() < 0.1 ? -Infinity : (rng.nextFloat() - 0.5) * spread));
      if (row.every((x) => x === -Infinity)) row[0] = 0;
      const p = [0.3, 0.9, 0.999][trial % 3]!;
      expect([...new TopP(p).process(row.slice())]).toEqual(referenceTopP(row, p));
    }
  });

  it('rejects p outside (0, 1]', () => {
    expect(() => new TopP(0)).toThrow();
    expect(() => new TopP(1.5)).toThrow();
  });
});

describe('processor chain', () => {
  it('applies in order: penalty, temperature, top-k, top-p', () => {
    const config = resolveGenerationConfig({ doSample: true, repetitionPenalty: 2, temperature: 0.5, topK: 3, topP: 0.9 });
    const chain = buildLogitsProcessors(config);
    expect(chain.map((p) => p.constructor.name)).toEqual(['RepetitionPenalty', 'Temperature', 'TopK', 'TopP']);
    // [2, 1, 0, −1], seen {1}: penalty → [2, 0.5, 0, −1]; /0.5 → [4, 1, 0, −2]; top-3 → [4, 1, 0, −inf];
    // softmax([4, 1, 0]) = [0.936, 0.047, 0.017] → 0.936 ≥ 0.9 → only token 0 remains.
    const out = applyLogitsProcessors(chain, f32([2, 1, 0, -1]), new Set([1]));
    expect([...out]).toEqual([4, -Infinity, -Infinity, -Infinity]);
  });

  it('greedy uses only the repetition penalty, as in Hugging Face', () => {
    const chain = buildLogitsProcessors(resolveGenerationConfig({ doSample: false, temperature: 0.5, topK: 3, topP: 0.5 }));
    expect(chain.map((p) => p.constructor.name)).toEqual(['RepetitionPenalty']);
    expect(applyLogitsProcessors(chain, f32([1]), none)[0]).toBe(1);
  });
});
