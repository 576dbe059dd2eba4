// Float64 reference forward of ECG-JEPA's encoder (MaskTransformer.representation) + the projection,
// with its own position table (written from MAE's numpy code, not from sincosPositions) and its own
// same-lead-or-same-time predicate.
import { addInto, attention, gelu, layerNorm, linear } from '../../vision/reference/loops.js';

export interface RefEcgConfig {
  readonly leads: number;
  readonly samples: number;
  readonly patchSize: number;
  readonly dim: number;
  readonly depth: number;
  readonly heads: number;
  readonly mlpWidth: number;
  readonly qkvBias: boolean;
  readonly eps: number;
  readonly outHidden: number;
}

export type RefWeights = ReadonlyMap<string, Float64Array>;

function get(w: RefWeights, name: string): Float64Array {
  const t = w.get(name);
  if (!t) throw new Error(`reference: no weight ${name}`);
  return t;
}

/** MAE get_2d_sincos_pos_embed(D, h = leads, w = patches): meshgrid(w, h) → emb_h from grid[0] (= w). */
export function refPositions(dim: number, leads: number, patches: number): Float64Array {
  const out = new Float64Array(leads * patches * dim);
  const oneD = (half: number, pos: number, k: number) => {
    const omega = 1 / 10000 ** (k % (half / 2) / (half / 2));
    return k < half / 2 ? Math.sin(pos * omega) : Math.cos(pos * omega);
  };
  for (let t = 0; t < leads * patches; t++) {
    const [gridW, gridH] = [t % patches, Math.floor(t / patches)];
    for (let k = 0; k < dim; k++) out[t * dim + k] = k < dim / 2 ? oneD(dim / 2, gridW, k) : oneD(dim / 2, gridH, k - dim / 2);
  }
  return out;
}

/** Token i (lead-major) sees token j iff same lead or same time patch (ECG-JEPA _cross_attention_mask). */
export function refAllowed(patches: number): (i: number, j: number) => boolean {
  return (i, j) => Math.floor(i / patches) === Math.floor(j / patches) || i % patches === j % patches;
}

/** Block `b`'s attention sub-layer on normalised tokens h (N, D) of one record. */
export function refSelfAttention(cfg: RefEcgConfig, w: RefWeights, b: number, h: Float64Array): Float64Array {
  const p = (name: string) => get(w, `ecg_encoder.encoder_blocks.blocks.${b}.${name}`);
  const { dim: d } = cfg;
  const n = h.length / d;
  const qkv = linear(h, d, p('attn.qkv.weight'), 3 * d, cfg.qkvBias ? p('attn.qkv.bias') : undefined);
  const [q, k, v] = [0, 1, 2].map((s) => {
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let e = 0; e < d; e++) out[i * d + e] = qkv[i * 3 * d + s * d + e] ?? 0;
    return out;
  }) as [Float64Array, Float64Array, Float64Array];
  const attn = attention(q, k, v, n, cfg.heads, refAllowed(cfg.samples / cfg.patchSize));
  return linear(attn, d, p('attn.proj.weight'), d, p('attn.proj.bias'));
}

/** One record (leads, samples) → (outHidden). */
export function ecgReference(cfg: RefEcgConfig, w: RefWeights, record: Float64Array): Float64Array {
  const { dim: d, patchSize } = cfg;
  const patches = cfg.samples / patchSize;
  const n = cfg.leads * patches;
  const pos = refPositions(d, cfg.leads, patches);
  let x = linear(record, patchSize, get(w, 'ecg_encoder.W_P.weight'), d, get(w, 'ecg_encoder.W_P.bias')); // (bs, l*p, 50) rows
  for (let b = 0; b < cfg.depth; b++) {
    const p = (name: string) => get(w, `ecg_encoder.encoder_blocks.blocks.${b}.${name}`);
    x = addInto(x, pos); // Encoder_Block: block(x + pos)
    x = addInto(x, refSelfAttention(cfg, w, b, layerNorm(x, d, p('norm1.weight'), p('norm1.bias'), cfg.eps)));
    const m = layerNorm(x, d, p('norm2.weight'), p('norm2.bias'), cfg.eps);
    const hidden = linear(m, d, p('mlp.fc1.weight'), cfg.mlpWidth, p('mlp.fc1.bias')).map(gelu);
    x = addInto(x, linear(hidden, cfg.mlpWidth, p('mlp.fc2.weight'), d, p('mlp.fc2.bias')));
  }
  const normed = layerNorm(x, d, get(w, 'ecg_encoder.norm.weight'), get(w, 'ecg_encoder.norm.bias'), cfg.eps);
  const pooled = new Float64Array(d);
  for (let t = 0; t < n; t++) for (let e = 0; e < d; e++) pooled[e] = (pooled[e] ?? 0) + (normed[t * d + e] ?? 0) / n;
  return linear(pooled, d, get(w, 'ecg_projection.weight'), cfg.outHidden, get(w, 'ecg_projection.bias'));
}
