import { expect } from 'vitest';
import { grad } from '../../../../src-main/ml/autodiff/index.js';
import * as G from '../../../../src-main/ml/graph/index.js';
import { createSession, type HostTensor, type ModelSession } from '../../../../src-main/ml/ort/index.js';
import { relativeError } from '../../graph/reference/expectClose.js';
import { seededRandom, uniform } from '../../graph/reference/rng.js';

/** Validates and opens a graph; float64 graphs at level 'basic' (ORT's fusions add float-only ops). */
export async function openGraph(graph: G.Graph): Promise<ModelSession> {
  G.assertValidGraph(graph);
  const { model } = G.toModelProto(graph, { opset: 17, producer: 'qoq-autodiff-tests' });
  const hasFloat64 = [...graph.tensors.values()].some((t) => t.dtype === 'float64');
  return createSession(G.encodeModel(model), { intraOpThreads: 1, optimizationLevel: hasFloat64 ? 'basic' : 'all' });
}

export function hostOf(type: G.DType, dims: readonly number[], values: readonly number[]): HostTensor {
  const data = G.allocate(type, values.length);
  values.forEach((v, i) => {
    if (data instanceof BigInt64Array) data[i] = BigInt(v);
    else data[i] = v;
  });
  return { type, dims, data };
}

export interface FeedSpec {
  readonly dims: readonly number[];
  /** Default: seeded uniform values in [lo, hi). */
  readonly values?: readonly number[];
  readonly type?: G.DType;
  readonly lo?: number;
  readonly hi?: number;
}

export interface GradCheckCase {
  readonly dtype: 'float32' | 'float64';
  readonly inputs: Readonly<Record<string, FeedSpec>>;
  /** Builds y from the declared inputs; the harness adds loss = Σ y ⊙ R with a fixed random R. */
  build(g: G.GraphBuilder, x: Readonly<Record<string, G.Tensor>>): G.Tensor;
  /** Default: every float input. */
  readonly wrt?: readonly string[];
  readonly seed?: number;
}

export interface GradCheckResult {
  /** Max-norm relative error of ∂loss/∂w against central differences, per `wrt`. */
  readonly errors: Record<string, number>;
  readonly analytic: Record<string, number[]>;
  readonly numeric: Record<string, number[]>;
  readonly graph: G.Graph;
}

/**
 * The autodiff gradient of loss = Σ y ⊙ R (R a fixed random weighting, so every output element
 * matters with a different weight) against central differences (L(x + h) − L(x − h)) / 2h, one
 * coordinate at a time, all on the same ONNX Runtime session.
 */
export async function gradCheck(c: GradCheckCase, h = 1e-6): Promise<GradCheckResult> {
  const rand = seededRandom(c.seed ?? 7);
  const g = new G.GraphBuilder('grad_check');
  const xs: Record<string, G.Tensor> = {};
  const feeds: Record<string, HostTensor> = {};
  for (const [name, spec] of Object.entries(c.inputs)) {
    const type = spec.type ?? c.dtype;
    xs[name] = g.input(name, type, spec.dims);
    const n = spec.dims.reduce((p, d) => p * d, 1);
    feeds[name] = hostOf(type, spec.dims, spec.values ?? uniform(rand, n, spec.lo ?? -1, spec.hi ?? 1, type === 'float32'));
  }
  const y = c.build(g, xs);
  const yDims = y.shape.map(Number);
  const r = uniform(rand, G.numElements(yDims), 0.5, 1.5, c.dtype === 'float32');
  const weights = G.constant(g, { dtype: c.dtype, dims: yDims, data: c.dtype === 'float64' ? Float64Array.from(r) : Float32Array.from(r) });
  const weighted = G.mul(g, y, weights);
  const axes = yDims.map((_, i) => i);
  g.output(axes.length === 0 ? weighted : G.reduceSum(g, weighted, axes, false), 'loss');
  const wrt = c.wrt ?? Object.keys(c.inputs).filter((n) => G.isFloat(c.inputs[n]?.type ?? c.dtype));
  const result = grad(g.build(), { loss: 'loss', wrt });
  expect(G.validateGraph(result.graph)).toEqual([]);

  const session = await openGraph(result.graph);
  try {
    const out = await session.run(feeds);
    const errors: Record<string, number> = {};
    const analytic: Record<string, number[]> = {};
    const numeric: Record<string, number[]> = {};
    for (const name of wrt) {
      const base = feeds[name] as HostTensor;
      const lossAt = async (i: number, delta: number): Promise<number> => {
        const data = base.data.slice() as Float64Array | Float32Array;
        data[i] = (data[i] as number) + delta;
        const r = await session.run({ ...feeds, [name]: { ...base, data } }, ['loss']);
        return Number(r.loss?.data[0]);
      };
      const fd: number[] = [];
      for (let i = 0; i < base.data.length; i++) fd.push(((await lossAt(i, h)) - (await lossAt(i, -h))) / (2 * h));
      const ad = Array.from(out[result.gradients[name] as string]?.data ?? [], Number);
      errors[name] = relativeError(ad, fd);
      analytic[name] = ad;
      numeric[name] = fd;
    }
    return { errors, analytic, numeric, graph: result.graph };
  } finally {
    await session.release();
  }
}

/** Asserts every gradient is non-trivial and within `tolerance` (max-norm relative error). */
export function expectGradientsMatch(result: GradCheckResult, tolerance: number): void {
  for (const [name, error] of Object.entries(result.errors)) {
    const scale = Math.max(...(result.numeric[name] ?? []).map(Math.abs));
    expect(scale, `∂loss/∂${name} is all zero`).toBeGreaterThan(0);
    expect(error, `∂loss/∂${name}`).toBeLessThanOrEqual(tolerance);
  }
}

/**
 * Whole-model check on an open session: for each parameter in `params`, its analytic gradient (the
 * session's output named by `gradients[p]`) against central differences of the output `loss` at
 * `samples` seeded coordinates plus the gradient's largest component (a non-trivial reference scale),
 * perturbing the feed only. Returns the max-norm relative error per parameter; also fails when a
 * gradient is all zero (a check of zeros against zeros would prove nothing).
 */
export async function sampledGradErrors(
  session: ModelSession,
  feeds: Readonly<Record<string, HostTensor>>,
  gradients: Readonly<Record<string, string | undefined>>,
  params: readonly string[],
  options: { readonly samples: number; readonly seed: number; readonly h?: number },
): Promise<Record<string, number>> {
  const h = options.h ?? 1e-5;
  const pick = seededRandom(options.seed);
  const out = await session.run({ ...feeds });
  const errors: Record<string, number> = {};
  for (const name of params) {
    const base = feeds[name] as HostTensor;
    const analytic = Array.from(out[gradients[name] as string]?.data ?? [], Number);
    expect(analytic.some((v) => v !== 0), `∂loss/∂${name} is all zero`).toBe(true);
    const coords = Array.from({ length: options.samples }, () => Math.floor(pick() * base.data.length));
    coords.push(analytic.reduce((best, v, i) => (Math.abs(v) > Math.abs(analytic[best] ?? 0) ? i : best), 0));
    const numeric: number[] = [];
    for (const i of coords) {
      const at = async (delta: number): Promise<number> => {
        const data = (base.data as Float64Array).slice();
        data[i] = (data[i] as number) + delta;
        return Number((await session.run({ ...feeds, [name]: { ...base, data } }, ['loss'])).loss?.data[0]);
      };
      numeric.push(((await at(h)) - (await at(-h))) / (2 * h));
    }
    errors[name] = relativeError(coords.map((i) => analytic[i] as number), numeric);
  }
  return errors;
}
