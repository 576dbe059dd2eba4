// Shared plumbing of the loss tests: (B, S) float inputs on a fresh builder, and scalar reads.
import { expect } from 'vitest';
import { GraphBuilder, type Tensor } from '../../../src-main/ml/graph/index.js';
import type { HostTensor } from '../../../src-main/ml/ort/index.js';
import { host, outputOf } from '../graph/harness/runGraph.js';

export type FloatType = 'float32' | 'float64';

/** A builder with float inputs of shape [B, S] (numbers or symbolic names) named as given. */
export function tokenInputs<K extends string>(
  dtype: FloatType,
  names: readonly K[],
  shape: readonly (number | string)[] = ['batch', 'seq'],
): { g: GraphBuilder; t: Record<K, Tensor> } {
  const g = new GraphBuilder('loss-test');
  const t = {} as Record<K, Tensor>;
  for (const name of names) t[name] = g.input(name, dtype, shape);
  return { g, t };
}

/** Feeds of one dtype and dims from arrays of numbers. */
export function feeds(dtype: FloatType, dims: readonly number[], values: Record<string, readonly number[]>): Record<string, HostTensor> {
  const out: Record<string, HostTensor> = {};
  for (const [name, v] of Object.entries(values)) out[name] = host(dtype, dims, v);
  return out;
}

/** The single value of a rank-0 output. */
export function scalarOf(results: Record<string, HostTensor>, name: string): number {
  const t = outputOf(results, name);
  if (t.dims.length !== 0) throw new Error(`'${name}' is not a scalar: [${t.dims.join(', ')}]`);
  return Number(t.data[0]);
}

/** |actual − expected| ≤ tol · max(|expected|, 1): relative for large values, absolute near 0. */
export function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(Math.abs(expected), 1));
}
