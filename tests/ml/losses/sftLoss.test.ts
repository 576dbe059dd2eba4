import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/ml/graph/index.js';
import { sftLoss } from '../../../src-main/ml/losses/index.js';
import { host, runGraph } from '../graph/harness/runGraph.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { expectNear, scalarOf } from './harness.js';
import { EPS, maskedMeanRef, tokenLogProbsRef } from './reference/lossFormulas.js';

const rand = seededRandom(12);
const [B, S, V] = [2, 3, 5];

describe('sftLoss', () => {
  const logits = uniform(rand, B * S * V, -3, 3);
  const ids = [1, 2, 3, 4, 0, 1];
  const mask = [0, 1, 1, 1, 1, 0];

  async function run(dtype: 'float32' | 'float64', values: readonly number[], targets: readonly number[], m: readonly number[]) {
    const g = new GraphBuilder('sft');
    const x = g.input('logits', dtype, ['batch', 'seq', V]);
    const t = g.input('ids', 'int64', ['batch', 'seq']);
    g.output(sftLoss(g, x, t, g.input('mask', dtype, ['batch', 'seq'])), 'loss');
    const out = await runGraph(g, { logits: host(dtype, [B, S, V], values), ids: host('int64', [B, S], targets), mask: host(dtype, [B, S], m) });
    return scalarOf(out, 'loss');
  }

  it('is the masked token-mean of −logp (float64 ≤ 1e-12, float32 ≤ 1e-5)', async () => {
    const want = maskedMeanRef(tokenLogProbsRef(logits, V, ids).map((v) => -v), mask);
    expectNear(await run('float64', logits, ids, mask), want, 1e-12);
    expectNear(await run('float32', logits, ids, mask), want, 1e-5);
  });

  it('hand-worked: uniform logits give ln V per token, whatever the target', async () => {
    // Every row uniform over V = 5 → −logp = ln 5; 4 response tokens → 4·ln 5 / (4 + ε).
    const loss = await run('float64', new Array<number>(B * S * V).fill(0.3), ids, mask);
    expectNear(loss, (4 * Math.log(5)) / (4 + EPS), 1e-15);
  });

  it('ignores masked tokens: their logits and targets change nothing (bit for bit)', async () => {
    const base = await run('float64', logits, ids, mask);
    const changed = [...logits];
    for (let v = 0; v < V; v++) changed[v] = 50 * (v + 1); // token (0, 0), masked
    for (let v = 0; v < V; v++) changed[5 * V + v] = -60 * v; // token (1, 2), masked
    const targets = [3, 2, 3, 4, 0, -7];
    expect(await run('float64', changed, targets, mask)).toBe(base);
  });
});
