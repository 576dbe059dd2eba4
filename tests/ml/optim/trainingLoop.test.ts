import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { paramStateNames, trainingStepGraph, type AdamWConfig } from '../../../src-main/ml/optim/index.js';
import type { HostTensor, ModelSession } from '../../../src-main/ml/ort/index.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { hostOf, openGraph } from '../autodiff/harness/gradCheck.js';
import { ATTENTION_MASK, INPUT_IDS, POSITION_IDS, tinyLmConfig, tinyLmLossGraph, tinyWeights } from '../autodiff/harness/tinyDecoderLoss.js';

/** Runs `steps` updates on one batch, feeding each step's `.next` outputs back in; returns the losses. */
async function train(session: ModelSession, graph: G.Graph, params: readonly string[], batch: Record<string, HostTensor>, steps: number, lr: number): Promise<number[]> {
  const dtype = graph.inputs.find((i) => i.name === 'lr')?.dtype ?? 'float32';
  const state: Record<string, HostTensor> = {};
  for (const p of params) {
    const init = graph.inputs.find((i) => i.name === p);
    const value = batch[p];
    if (!init || !value) throw new Error(`no param ${p}`);
    const n = value.data.length;
    const names = paramStateNames(p);
    state[p] = value;
    state[names.m] = hostOf(dtype, value.dims, new Array<number>(n).fill(0));
    state[names.v] = hostOf(dtype, value.dims, new Array<number>(n).fill(0));
  }
  const losses: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const out = await session.run({ ...batch, ...state, step: hostOf(dtype, [], [t]), lr: hostOf(dtype, [], [lr]) });
    losses.push(Number(out.loss?.data[0]));
    for (const p of params) {
      const names = paramStateNames(p);
      state[p] = out[names.next] as HostTensor;
      state[names.m] = out[names.mNext] as HostTensor;
      state[names.v] = out[names.vNext] as HostTensor;
    }
  }
  return losses;
}

const expectMonotoneDecrease = (losses: readonly number[]): void => {
  losses.slice(1).forEach((l, i) => expect(l, `step ${i + 2}: ${losses.join(', ')}`).toBeLessThan(losses[i] as number));
};

describe('training-step graphs drive the loss down', () => {
  it('toy linear regression (float32), 25 AdamW steps, monotone', async () => {
    const [N, I, O] = [16, 4, 2];
    const rand = seededRandom(3);
    const x = uniform(rand, N * I);
    const wTrue = uniform(rand, I * O);
    const y = Array.from({ length: N * O }, (_, k) => {
      const [n, o] = [Math.floor(k / O), k % O];
      return Math.fround(0.3 + wTrue.reduce((s, w, j) => (j % O === o ? s + w * (x[n * I + Math.floor(j / O)] as number) : s), 0));
    });
    const g = new G.GraphBuilder('regression');
    const xs = g.input('x', 'float32', [N, I]);
    const ys = g.input('y', 'float32', [N, O]);
    const w = g.initializer('W', new Float32Array(I * O), [I, O]);
    const b = g.initializer('b', new Float32Array(O), [O]);
    const r = G.sub(g, G.linear(g, xs, w, b), ys);
    g.output(G.reduceMean(g, G.mul(g, r, r), [0, 1], false), 'loss');
    const adamw: AdamWConfig = { type: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    const step = trainingStepGraph(g.build(), { loss: 'loss', params: ['W', 'b'], optimizer: adamw, clipGlobalNorm: 1 });
    const session = await openGraph(step);
    try {
      const batch = { x: hostOf('float32', [N, I], x), y: hostOf('float32', [N, O], y), W: hostOf('float32', [I, O], new Array<number>(I * O).fill(0)), b: hostOf('float32', [O], [0, 0]) };
      const losses = await train(session, step, ['W', 'b'], batch, 25, 0.02);
      expectMonotoneDecrease(losses);
      expect(losses.at(-1)).toBeLessThan(0.5 * (losses[0] as number));
    } finally {
      await session.release();
    }
  });

  it('tiny decoder LM (float32, all params, tied embeddings): memorises one batch over 8 steps', async () => {
    const [batch, seq] = [2, 6];
    const rand = seededRandom(8);
    const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * 32));
    const targets = [...ids.slice(1), 0]; // next-token targets (the last one arbitrary)
    const config = tinyLmConfig('float32');
    const weights = tinyWeights(config, 4);
    const lossGraph = tinyLmLossGraph(config, weights, batch, seq, targets);
    const params = lossGraph.initializers.map((i) => i.tensor.name);
    const adamw: AdamWConfig = { type: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    const step = trainingStepGraph(lossGraph, { loss: 'loss', params, optimizer: adamw, clipGlobalNorm: 1, noWeightDecay: params.filter((p) => !p.endsWith('proj.weight')) });
    expect(G.validateGraph(step)).toEqual([]);
    // The KV-cache outputs are pruned; the (empty) past inputs still feed the attention concat.
    expect(step.outputs.some((o) => o.name.startsWith('present'))).toBe(false);
    const session = await openGraph(step);
    try {
      const feeds: Record<string, HostTensor> = {
        [INPUT_IDS]: hostOf('int64', [batch, seq], ids),
        [ATTENTION_MASK]: hostOf('int64', [batch, seq], new Array<number>(batch * seq).fill(1)),
        [POSITION_IDS]: hostOf('int64', [3, batch, seq], [0, 1, 2].flatMap(() => Array.from({ length: batch * seq }, (_, i) => i % seq))),
      };
      for (const input of step.inputs) if (input.name.startsWith('past_key_values')) feeds[input.name] = hostOf('float32', input.shape.map(Number), []);
      for (const init of lossGraph.initializers) feeds[init.tensor.name] = { type: 'float32', dims: init.data.dims, data: init.data.data };
      const losses = await train(session, step, params, feeds, 8, 0.01);
      expectMonotoneDecrease(losses);
    } finally {
      await session.release();
    }
  });
});
