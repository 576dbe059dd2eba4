// Float64 reference forward of the Qwen2.5-VL vision tower, following the HF module's own steps:
// rot_pos_emb's reshape/permute position ids, get_window_index's padded window grid, per-frame
// cu_seqlens for full-attention blocks, then the merger. One image (t, h, w) per call.
import { addInto, attention, gelu, linear, rmsNorm, silu } from './loops.js';

export interface RefVisionConfig {
  readonly patchDim: number; // 1176 for the real model
  readonly hidden: number;
  readonly depth: number;
  readonly heads: number;
  readonly ffn: number;
  readonly merge: number;
  readonly outHidden: number;
  readonly windowSize: number;
  readonly patchSize: number;
  readonly fullAttentionBlocks: readonly number[];
  readonly theta: number;
  readonly eps: number;
}

export type RefWeights = ReadonlyMap<string, Float64Array>;

function get(w: RefWeights, name: string): Float64Array {
  const t = w.get(name);
  if (!t) throw new Error(`reference: no weight ${name}`);
  return t;
}

/** HF rot_pos_emb: (row, col) per patch in processor order, by reshape (h/m, m, w/m, m) → permute (0, 2, 1, 3). */
export function refPositions(t: number, h: number, w: number, m: number): { row: number[]; col: number[] } {
  const row: number[] = [];
  const col: number[] = [];
  for (let f = 0; f < t; f++) {
    for (let a = 0; a < h / m; a++) for (let b = 0; b < w / m; b++) for (let c = 0; c < m; c++) for (let d = 0; d < m; d++) {
      row.push(a * m + c);
      col.push(b * m + d);
    }
  }
  return { row, col };
}

/** HF get_window_index: window id of each merge unit, windows of `vmws`² units over a padded unit grid. */
function refUnitWindows(t: number, h: number, w: number, m: number, vmws: number): number[] {
  const [lh, lw] = [h / m, w / m];
  const [nwh, nww] = [Math.floor((lh + vmws - (lh % vmws)) / vmws), Math.floor((lw + vmws - (lw % vmws)) / vmws)];
  const windowOf = new Array<number>(t * lh * lw).fill(-1);
  let window = 0;
  for (let f = 0; f < t; f++) {
    for (let wh = 0; wh < nwh; wh++) for (let ww = 0; ww < nww; ww++, window++) {
      for (let i = 0; i < vmws; i++) for (let j = 0; j < vmws; j++) {
        const [ur, uc] = [wh * vmws + i, ww * vmws + j];
        if (ur < lh && uc < lw) windowOf[(f * lh + ur) * lw + uc] = window; // padded cells (-100 in HF) hold no unit
      }
    }
  }
  return windowOf;
}

/** Rotate pairs (e, e + D/2) of every head by the row angle (e < D/4) or the column angle (e ≥ D/4). */
function rotate(x: Float64Array, n: number, heads: number, row: number[], col: number[], theta: number): void {
  const d = x.length / n / heads;
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < heads; h++) {
      for (let e = 0; e < d / 2; e++) {
        const j = e % (d / 4);
        const pos = e < d / 4 ? (row[i] ?? 0) : (col[i] ?? 0);
        const angle = pos / theta ** ((2 * j) / (d / 2));
        const base = (i * heads + h) * d;
        const [a, b] = [x[base + e] ?? 0, x[base + e + d / 2] ?? 0];
        x[base + e] = a * Math.cos(angle) - b * Math.sin(angle);
        x[base + e + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
      }
    }
  }
}

/** pixels (N, patchDim) in processor order → image features (N / m², outHidden). */
export function visionReference(cfg: RefVisionConfig, w: RefWeights, pixels: Float64Array, grid: readonly [number, number, number]): Float64Array {
  const [t, h, wd] = grid;
  const { hidden: c, heads, ffn, merge: m } = cfg;
  const n = t * h * wd;
  const { row, col } = refPositions(t, h, wd, m);
  const unitWindow = refUnitWindows(t, h, wd, m, cfg.windowSize / m / cfg.patchSize);
  const frame = (i: number) => Math.floor(i / (h * wd)); // cu_seqlens: one segment per frame
  const sameWindow = (i: number, j: number) => unitWindow[Math.floor(i / (m * m))] === unitWindow[Math.floor(j / (m * m))];

  let x = linear(pixels, cfg.patchDim, get(w, 'visual.patch_embed.proj.weight'), c);
  for (let b = 0; b < cfg.depth; b++) {
    const p = (name: string) => get(w, `visual.blocks.${b}.${name}`);
    const full = cfg.fullAttentionBlocks.includes(b);
    const hn = rmsNorm(x, c, p('norm1.weight'), cfg.eps);
    const qkv = linear(hn, c, p('attn.qkv.weight'), 3 * c, p('attn.qkv.bias'));
    const [q, k, v] = [0, 1, 2].map((s) => {
      const out = new Float64Array(n * c);
      for (let i = 0; i < n; i++) for (let e = 0; e < c; e++) out[i * c + e] = qkv[i * 3 * c + s * c + e] ?? 0;
      return out;
    }) as [Float64Array, Float64Array, Float64Array];
    rotate(q, n, heads, row, col, cfg.theta);
    rotate(k, n, heads, row, col, cfg.theta);
    const attn = attention(q, k, v, n, heads, (i, j) => frame(i) === frame(j) && (full || sameWindow(i, j)));
    x = addInto(x, linear(attn, c, p('attn.proj.weight'), c, p('attn.proj.bias')));
    const mn = rmsNorm(x, c, p('norm2.weight'), cfg.eps);
    const gate = linear(mn, c, p('mlp.gate_proj.weight'), ffn, p('mlp.gate_proj.bias'));
    const up = linear(mn, c, p('mlp.up_proj.weight'), ffn, p('mlp.up_proj.bias'));
    const act = gate.map((g, i) => silu(g) * (up[i] ?? 0));
    x = addInto(x, linear(act, ffn, p('mlp.down_proj.weight'), c, p('mlp.down_proj.bias')));
  }
  const merged = c * m * m;
  const normed = rmsNorm(x, c, get(w, 'visual.merger.ln_q.weight'), cfg.eps); // rows of 4 consecutive patches = one token
  const hidden = linear(normed, merged, get(w, 'visual.merger.mlp.0.weight'), merged, get(w, 'visual.merger.mlp.0.bias')).map(gelu);
  return linear(hidden, merged, get(w, 'visual.merger.mlp.2.weight'), cfg.outHidden, get(w, 'visual.merger.mlp.2.bias'));
}
