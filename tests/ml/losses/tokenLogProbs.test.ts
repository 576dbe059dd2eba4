import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/ml/graph/index.js';
import { tokenLogProbs } from '../../../src-main/ml/losses/index.js';
import { host, outputOf, runGraph } from '../graph/harness/runGraph.js';
import { expectClose } from '../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { tokenLogProbsRef } from './reference/lossFormulas.js';

const rand = seededRandom(11);
const [B, S, V] = [2, 3, 5];

/** logits (B, S, V) and ids (B, S) inputs, symbolic batch/seq unless a vocab name is given too. */
function logitGraph(dtype: 'float32' | 'float64', vocab: number | string = V) {
  const g = new GraphBuilder('logp');
  const logits = g.input('logits', dtype, ['batch', 'seq', vocab]);
  const ids = g.input('ids', 'int64', ['batch', 'seq']);
  return { g, logits, ids };
}

describe('tokenLogProbs', () => {
  const logits = uniform(rand, B * S * V, -4, 4);
  const ids = [0, 4, 2, 3, 1, 4];

  for (const [dtype, tol] of [['float64', 1e-12], ['float32', 1e-5]] as const) {
    for (const temperature of [1, 0.7]) {
      it(`matches log softmax(logits/τ)[id] (${dtype}, τ = ${temperature})`, async () => {
        const { g, logits: x, ids: t } = logitGraph(dtype);
        const y = tokenLogProbs(g, x, t, { temperature });
        expect(y.shape).toEqual(['batch', 'seq']);
        g.output(y, 'logp');
        const out = await runGraph(g, { logits: host(dtype, [B, S, V], logits), ids: host('int64', [B, S], ids) });
        expect(outputOf(out, 'logp').dims).toEqual([B, S]);
        expectClose(outputOf(out, 'logp').data, tokenLogProbsRef(logits, V, ids, temperature), tol);
      });
    }
  }

  it('works with a symbolic vocabulary size (arange from the runtime shape)', async () => {
    const { g, logits: x, ids: t } = logitGraph('float64', 'vocab');
    g.output(tokenLogProbs(g, x, t), 'logp');
    const out = await runGraph(g, { logits: host('float64', [B, S, V], logits), ids: host('int64', [B, S], ids) });
    expectClose(outputOf(out, 'logp').data, tokenLogProbsRef(logits, V, ids), 1e-12);
  });

  it('hand-worked: logits (0, ln 3) → softmax (1/4, 3/4); out-of-range ids give 0', async () => {
    const { g, logits: x, ids: t } = logitGraph('float64', 2);
    g.output(tokenLogProbs(g, x, t), 'logp');
    // Rows: [0, ln 3] with target 1 → ln(3/4); target 0 → ln(1/4); target -100 (ignore index) → 0.
    const rows = [0, Math.log(3), 0, Math.log(3), 0, Math.log(3)];
    const out = await runGraph(g, { logits: host('float64', [1, 3, 2], rows), ids: host('int64', [1, 3], [1, 0, -100]) });
    expectClose(outputOf(out, 'logp').data, [Math.log(0.75), Math.log(0.25), 0], 1e-15);
  });

  it('rejects mismatched ids', () => {
    const g = new GraphBuilder();
    const x = g.input('logits', 'float64', [2, 3, 5]);
    expect(() => tokenLogProbs(g, x, g.input('a', 'int64', [2, 4]))).toThrow(/must match/);
    expect(() => tokenLogProbs(g, x, g.input('b', 'int32', [2, 3]))).toThrow(/int64/);
    expect(() => tokenLogProbs(g, x, g.input('c', 'int64', [2, 3]), { temperature: 0 })).toThrow(/temperature/);
  });
});
