import { describe, expect, it } from 'vitest';
import * as G from '../../../src-main/ml/graph/index.js';
import { paramStateNames, trainingStepGraph, type AdamWConfig } from '../../../src-main/ml/optim/index.js';
import type { HostTensor } from '../../../src-main/ml/ort/index.js';
import { relativeError } from '../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../graph/reference/rng.js';
import { hostOf, openGraph } from '../autodiff/harness/gradCheck.js';

// Toy model: loss = mean((x·W + b − y)²), x (N, I), W (I, O), b (O), y (N, O), all float64.
const [N, I, O] = [4, 3, 2];
const rand = seededRandom(11);
const x = uniform(rand, N * I, -1, 1, false);
const y = uniform(rand, N * O, -1, 1, false);
const W = uniform(rand, I * O, -1, 1, false);
const b = uniform(rand, O, -1, 1, false);
const ADAMW: AdamWConfig = { type: 'adamw', beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };

function regressionGraph(): G.Graph {
  const g = new G.GraphBuilder('regression');
  const xs = g.input('x', 'float64', [N, I]);
  const ys = g.input('y', 'float64', [N, O]);
  const w = g.initializer('W', Float64Array.from(W), [I, O]);
  const bias = g.initializer('b', Float64Array.from(b), [O]);
  const r = G.sub(g, G.linear(g, xs, w, bias), ys);
  g.output(G.reduceMean(g, G.mul(g, r, r), [0, 1], false), 'loss');
  return g.build();
}

/** Hand-derived gradients of the toy loss: r = xW + b − y, ∂W = (2/NO)·xᵀr, ∂b = (2/NO)·Σₙ r. */
function referenceGrads(): { W: number[]; b: number[] } {
  const r = new Array<number>(N * O).fill(0);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      let s = (b[o] as number) - (y[n * O + o] as number);
      for (let i = 0; i < I; i++) s += (x[n * I + i] as number) * (W[i * O + o] as number);
      r[n * O + o] = s;
    }
  const k = 2 / (N * O);
  const gW = new Array<number>(I * O).fill(0);
  const gb = new Array<number>(O).fill(0);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      for (let i = 0; i < I; i++) gW[i * O + o] = (gW[i * O + o] as number) + k * (x[n * I + i] as number) * (r[n * O + o] as number);
      gb[o] = (gb[o] as number) + k * (r[n * O + o] as number);
    }
  return { W: gW, b: gb };
}

/** torch.optim.AdamW's update, written out independently of the graph code. */
function adamwRef(p: readonly number[], g: readonly number[], m: readonly number[], v: readonly number[], t: number, lr: number, c: AdamWConfig) {
  const next: number[] = [];
  const mNext: number[] = [];
  const vNext: number[] = [];
  p.forEach((pi, i) => {
    const gi = g[i] as number;
    const mi = c.beta1 * (m[i] as number) + (1 - c.beta1) * gi;
    const vi = c.beta2 * (v[i] as number) + (1 - c.beta2) * gi * gi;
    const mHat = mi / (1 - c.beta1 ** t);
    const vHat = vi / (1 - c.beta2 ** t);
    next.push(pi - lr * (mHat / (Math.sqrt(vHat) + c.eps) + c.weightDecay * pi));
    mNext.push(mi);
    vNext.push(vi);
  });
  return { next, mNext, vNext };
}

describe('trainingStepGraph: one AdamW step vs a hand-written AdamW (float64, ≤ 1e-9)', () => {
  const mState = { W: uniform(rand, I * O, -0.1, 0.1, false), b: uniform(rand, O, -0.1, 0.1, false) };
  const vState = { W: uniform(rand, I * O, 0, 0.01, false), b: uniform(rand, O, 0, 0.01, false) };
  const [t, lr] = [3, 0.05];
  const feeds = (): Record<string, HostTensor> => ({
    x: hostOf('float64', [N, I], x),
    y: hostOf('float64', [N, O], y),
    W: hostOf('float64', [I, O], W),
    b: hostOf('float64', [O], b),
    'W.m': hostOf('float64', [I, O], mState.W),
    'W.v': hostOf('float64', [I, O], vState.W),
    'b.m': hostOf('float64', [O], mState.b),
    'b.v': hostOf('float64', [O], vState.b),
    step: hostOf('float64', [], [t]),
    lr: hostOf('float64', [], [lr]),
  });

  for (const clip of [undefined, 1e6, 0.05]) {
    it(`clipGlobalNorm = ${clip ?? 'off'}`, async () => {
      const graph = trainingStepGraph(regressionGraph(), { loss: 'loss', params: ['W', 'b'], optimizer: ADAMW, ...(clip === undefined ? {} : { clipGlobalNorm: clip }) });
      expect(G.validateGraph(graph)).toEqual([]);
      expect(graph.inputs.map((i) => i.name)).toEqual(['x', 'y', 'W', 'b', 'W.m', 'W.v', 'b.m', 'b.v', 'step', 'lr']);
      expect(graph.outputs.map((o) => o.name)).toEqual(['loss', 'grad_norm', 'W.next', 'W.m.next', 'W.v.next', 'b.next', 'b.m.next', 'b.v.next']);
      expect(graph.initializers).toEqual([]);
      const session = await openGraph(graph);
      try {
        const out = await session.run(feeds());
        const grads = referenceGrads();
        const norm = Math.sqrt([...grads.W, ...grads.b].reduce((s, g) => s + g * g, 0));
        expect(relativeError(out.grad_norm?.data ?? [], [norm])).toBeLessThanOrEqual(1e-12);
        const scale = clip === undefined ? 1 : Math.min(1, clip / (norm + 1e-6));
        if (clip === 0.05) expect(scale).toBeLessThan(0.5); // the clip really bites in this case
        for (const p of ['W', 'b'] as const) {
          const params = p === 'W' ? W : b;
          const ref = adamwRef(params, grads[p].map((g) => g * scale), mState[p], vState[p], t, lr, ADAMW);
          const names = paramStateNames(p);
          expect(relativeError(out[names.next]?.data ?? [], ref.next)).toBeLessThanOrEqual(1e-9);
          expect(relativeError(out[names.mNext]?.data ?? [], ref.mNext)).toBeLessThanOrEqual(1e-9);
          expect(relativeError(out[names.vNext]?.data ?? [], ref.vNext)).toBeLessThanOrEqual(1e-9);
        }
      } finally {
        await session.release();
      }
    });
  }

  it('freezes what is not listed: b stays an initializer, no b.* inputs or outputs', async () => {
    const graph = trainingStepGraph(regressionGraph(), { loss: 'loss', params: ['W'], optimizer: ADAMW });
    expect(G.validateGraph(graph)).toEqual([]);
    expect(graph.inputs.map((i) => i.name)).toEqual(['x', 'y', 'W', 'W.m', 'W.v', 'step', 'lr']);
    expect(graph.initializers.map((i) => i.tensor.name)).toEqual(['b']);
    expect(graph.outputs.map((o) => o.name)).toEqual(['loss', 'grad_norm', 'W.next', 'W.m.next', 'W.v.next']);
    const { b: _b, 'b.m': _m, 'b.v': _v, ...rest } = feeds();
    const session = await openGraph(graph);
    try {
      const out = await session.run(rest);
      const ref = adamwRef(W, referenceGrads().W, mState.W, vState.W, t, lr, ADAMW);
      expect(relativeError(out['W.next']?.data ?? [], ref.next)).toBeLessThanOrEqual(1e-9);
    } finally {
      await session.release();
    }
  });

  it('noWeightDecay skips the decay term for the listed params', async () => {
    const graph = trainingStepGraph(regressionGraph(), { loss: 'loss', params: ['W', 'b'], optimizer: ADAMW, noWeightDecay: ['b'] });
    const session = await openGraph(graph);
    try {
      const out = await session.run(feeds());
      const ref = adamwRef(b, referenceGrads().b, mState.b, vState.b, t, lr, { ...ADAMW, weightDecay: 0 });
      expect(relativeError(out['b.next']?.data ?? [], ref.next)).toBeLessThanOrEqual(1e-9);
    } finally {
      await session.release();
    }
  });
});
