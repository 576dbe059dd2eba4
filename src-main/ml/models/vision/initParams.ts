import type { TensorData } from '../../graph/index.js';

/** How a parameter is filled by `initParams`. */
export type ParamInit =
  | { readonly kind: 'uniform'; readonly bound: number } // U(−bound, bound)
  | { readonly kind: 'around-one'; readonly spread: number }; // 1 + U(−spread, spread): norm gains

export interface ParamSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly init: ParamInit;
}

/** Named model weights as the graph builders consume them (layout per each model's param specs). */
export type Weights = ReadonlyMap<string, TensorData>;

/** mulberry32: one uint32 of state, so a whole weight set is reproducible from its seed. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded weights for tests, smoke runs and graph-size checks — not a training init. Norm gains are
 * spread around 1 and biases are non-zero on purpose, so a wiring mistake cannot hide behind an
 * identity gain or a zero bias.
 */
export function initParams(specs: readonly ParamSpec[], seed: number, dtype: 'float32' | 'float64'): Map<string, TensorData> {
  const rand = seededRandom(seed);
  const out = new Map<string, TensorData>();
  for (const spec of specs) {
    const n = spec.dims.reduce((a, d) => a * d, 1);
    const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    const { init } = spec;
    for (let i = 0; i < n; i++) {
      const u = 2 * rand() - 1;
      data[i] = init.kind === 'uniform' ? init.bound * u : 1 + init.spread * u;
    }
    out.set(spec.name, { dtype, dims: [...spec.dims], data });
  }
  return out;
}
