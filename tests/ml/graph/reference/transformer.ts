// Loop-level float64 reference of one pre-norm decoder block (Llama/Qwen2 style), written from the
// formulas rather than from the DSL's decomposition: per-row RMSNorm, rotate-half RoPE by explicit
// angle, GQA by head index h → h // nRep, causal + padding masking by skipping disallowed keys.

export interface BlockConfig {
  readonly hidden: number; // C
  readonly heads: number; // H
  readonly kvHeads: number; // KV
  readonly headDim: number; // D
  readonly ffn: number; // F
  readonly theta: number;
  readonly eps: number;
}

/** Weights as flat row-major arrays; projections stored (in, out). */
export interface BlockWeights {
  readonly attnNorm: number[]; // (C)
  readonly wq: number[]; // (C, H·D)
  readonly wk: number[]; // (C, KV·D)
  readonly wv: number[]; // (C, KV·D)
  readonly wo: number[]; // (H·D, C)
  readonly mlpNorm: number[]; // (C)
  readonly gate: number[]; // (C, F)
  readonly up: number[]; // (C, F)
  readonly down: number[]; // (F, C)
}

export function rmsNormRows(x: Float64Array, width: number, w: readonly number[], eps: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length / width; r++) {
    let ss = 0;
    for (let c = 0; c < width; c++) ss += (x[r * width + c] ?? 0) ** 2;
    const inv = 1 / Math.sqrt(ss / width + eps);
    for (let c = 0; c < width; c++) out[r * width + c] = (x[r * width + c] ?? 0) * inv * (w[c] ?? 0);
  }
  return out;
}

export function linearRows(x: Float64Array, inDim: number, w: readonly number[], outDim: number): Float64Array {
  const rows = x.length / inDim;
  const out = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outDim; o++) {
      let acc = 0;
      for (let i = 0; i < inDim; i++) acc += (x[r * inDim + i] ?? 0) * (w[i * outDim + o] ?? 0);
      out[r * outDim + o] = acc;
    }
  }
  return out;
}

/** In place on rows laid out (token, head, D): rotate pairs (d, d + D/2) by angle pos·θ^(−2d/D). */
export function ropeRows(x: Float64Array, positions: readonly number[], heads: number, headDim: number, theta: number): void {
  const half = headDim / 2;
  positions.forEach((pos, token) => {
    for (let h = 0; h < heads; h++) {
      const base = (token * heads + h) * headDim;
      for (let d = 0; d < half; d++) {
        const angle = pos * theta ** ((-2 * d) / headDim);
        const [a, b] = [x[base + d] ?? 0, x[base + d + half] ?? 0];
        x[base + d] = a * Math.cos(angle) - b * Math.sin(angle);
        x[base + d + half] = b * Math.cos(angle) + a * Math.sin(angle);
      }
    }
  });
}

/** Query s (of S) may see key j (of T) iff j ≤ T − S + s and key j is not padding. */
export function allowed(mask: readonly number[], b: number, s: number, j: number, queryLen: number, keyLen: number): boolean {
  return j <= keyLen - queryLen + s && mask[b * keyLen + j] === 1;
}

/** GQA attention on (B, S, H·D) rows; a query with no visible key averages all keys (HF's finite-min mask). */
export function attentionRows(q: Float64Array, k: Float64Array, v: Float64Array, mask: readonly number[], batch: number, seq: number, cfg: BlockConfig): Float64Array {
  const { heads, kvHeads, headDim: dh } = cfg;
  const nRep = heads / kvHeads;
  const out = new Float64Array(batch * seq * heads * dh);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const kvh = Math.floor(h / nRep);
      for (let s = 0; s < seq; s++) {
        const keys = Array.from({ length: seq }, (_, j) => j).filter((j) => allowed(mask, b, s, j, seq, seq));
        const visible = keys.length > 0 ? keys : Array.from({ length: seq }, (_, j) => j);
        const scores = visible.map((j) => {
          if (keys.length === 0) return 0; // every key masked: equal scores, a plain average
          let dot = 0;
          for (let d = 0; d < dh; d++) dot += (q[((b * seq + s) * heads + h) * dh + d] ?? 0) * (k[((b * seq + j) * kvHeads + kvh) * dh + d] ?? 0);
          return dot / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const weights = scores.map((x) => Math.exp(x - max));
        const total = weights.reduce((p, q2) => p + q2, 0);
        for (let d = 0; d < dh; d++) {
          let acc = 0;
          visible.forEach((j, n) => (acc += ((weights[n] ?? 0) / total) * (v[((b * seq + j) * kvHeads + kvh) * dh + d] ?? 0)));
          out[((b * seq + s) * heads + h) * dh + d] = acc;
        }
      }
    }
  }
  return out;
}

/** x (B, S, C) → block(x) (B, S, C). */
export function decoderBlockRef(x: Float64Array, mask: readonly number[], positions: readonly number[], batch: number, seq: number, cfg: BlockConfig, w: BlockWeights): Float64Array {
  const { hidden: c, heads, kvHeads, headDim: dh, ffn } = cfg;
  const h = rmsNormRows(x, c, w.attnNorm, cfg.eps);
  const q = linearRows(h, c, w.wq, heads * dh);
  const k = linearRows(h, c, w.wk, kvHeads * dh);
  const v = linearRows(h, c, w.wv, kvHeads * dh);
  ropeRows(q, positions, heads, dh, cfg.theta);
  ropeRows(k, positions, kvHeads, dh, cfg.theta);
  const attn = linearRows(attentionRows(q, k, v, mask, batch, seq, cfg), heads * dh, w.wo, c);
  const x1 = x.map((val, i) => val + (attn[i] ?? 0));
  const m = rmsNormRows(x1, c, w.mlpNorm, cfg.eps);
  const gate = linearRows(m, c, w.gate, ffn);
  const up = linearRows(m, c, w.up, ffn);
  const act = gate.map((gv, i) => (gv / (1 + Math.exp(-gv))) * (up[i] ?? 0));
  const mlp = linearRows(act, ffn, w.down, c);
  return x1.map((val, i) => val + (mlp[i] ?? 0));
}
