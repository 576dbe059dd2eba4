// Float64 loop reference of the whole Qwen2-VL language model, full recompute (no KV cache). It reads
// the weights by their Hugging Face names in HF (out, in) layout and shares no code with
// src-main/ml/models/decoder; norms and masked GQA attention reuse the graph tests' loop references.
import type { DecoderConfig, DecoderWeights } from '../../../../../src-main/ml/models/decoder/index.js';
import { attentionRows, rmsNormRows, type BlockConfig } from '../../../graph/reference/transformer.js';
import { mropeRows } from './mropeRows.js';

export interface RefInputs {
  readonly batch: number;
  readonly seq: number;
  readonly ids: readonly number[]; // (B, S)
  readonly mask: readonly number[]; // (B, S), 1 = token, 0 = padding
  readonly positions: readonly number[]; // (3, B, S)
}

function param(weights: DecoderWeights, name: string): number[] {
  const w = weights[name];
  if (!w) throw new Error(`reference: no weight '${name}'`);
  return Array.from(w.data);
}

/** y = x Wᵀ + b with W stored (out, in), rows of width `inDim`. */
function linearOutInRows(x: Float64Array, inDim: number, w: readonly number[], outDim: number, bias?: readonly number[]): Float64Array {
  const rows = x.length / inDim;
  const out = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outDim; o++) {
      let acc = bias?.[o] ?? 0;
      for (let i = 0; i < inDim; i++) acc += (x[r * inDim + i] ?? 0) * (w[o * inDim + i] ?? 0);
      out[r * outDim + o] = acc;
    }
  }
  return out;
}

/** Embedding rows for `ids`: (N) → (N, D). */
export function embedRef(config: DecoderConfig, weights: DecoderWeights, ids: readonly number[]): Float64Array {
  const table = param(weights, 'model.embed_tokens.weight');
  const d = config.hiddenSize;
  const out = new Float64Array(ids.length * d);
  ids.forEach((id, n) => {
    for (let c = 0; c < d; c++) out[n * d + c] = table[id * d + c] ?? NaN;
  });
  return out;
}

/** Positions of batch row b as (3, S), the layout mropeRows takes. */
function rowPositions(positions: readonly number[], batch: number, seq: number, b: number): number[] {
  return [0, 1, 2].flatMap((axis) => positions.slice((axis * batch + b) * seq, (axis * batch + b + 1) * seq));
}

/** logits (B, S, V) of the whole sequence. */
export function decoderForwardRef(config: DecoderConfig, weights: DecoderWeights, inputs: RefInputs): Float64Array {
  const { batch, seq } = inputs;
  const { hiddenSize: d, numHeads: heads, numKvHeads: kvHeads, headDim: dh, intermediateSize: f } = config;
  const block: BlockConfig = { hidden: d, heads, kvHeads, headDim: dh, ffn: f, theta: config.ropeTheta, eps: config.rmsNormEps };
  let x = embedRef(config, weights, inputs.ids); // (B, S, D)
  for (let layer = 0; layer < config.numLayers; layer++) {
    const w = (suffix: string): number[] => param(weights, `model.layers.${layer}.${suffix}`);
    const h = rmsNormRows(x, d, w('input_layernorm.weight'), config.rmsNormEps);
    const q = linearOutInRows(h, d, w('self_attn.q_proj.weight'), heads * dh, w('self_attn.q_proj.bias'));
    const k = linearOutInRows(h, d, w('self_attn.k_proj.weight'), kvHeads * dh, w('self_attn.k_proj.bias'));
    const v = linearOutInRows(h, d, w('self_attn.v_proj.weight'), kvHeads * dh, w('self_attn.v_proj.bias'));
    for (let b = 0; b < batch; b++) {
      const pos = rowPositions(inputs.positions, batch, seq, b);
      mropeRows(q.subarray(b * seq * heads * dh, (b + 1) * seq * heads * dh), pos, seq, heads, dh, config.ropeTheta, config.mropeSection);
      mropeRows(k.subarray(b * seq * kvHeads * dh, (b + 1) * seq * kvHeads * dh), pos, seq, kvHeads, dh, config.ropeTheta, config.mropeSection);
    }
    const attn = linearOutInRows(attentionRows(q, k, v, inputs.mask, batch, seq, block), heads * dh, w('self_attn.o_proj.weight'), d);
    const x1 = x.map((val, i) => val + (attn[i] ?? 0));
    const m = rmsNormRows(x1, d, w('post_attention_layernorm.weight'), config.rmsNormEps);
    const gate = linearOutInRows(m, d, w('mlp.gate_proj.weight'), f);
    const up = linearOutInRows(m, d, w('mlp.up_proj.weight'), f);
    const act = gate.map((g, i) => (g / (1 + Math.exp(-g))) * (up[i] ?? 0));
    const mlp = linearOutInRows(act, f, w('mlp.down_proj.weight'), d);
    x = x1.map((val, i) => val + (mlp[i] ?? 0));
  }
  const final = rmsNormRows(x, d, param(weights, 'model.norm.weight'), config.rmsNormEps);
  const head = param(weights, config.tieWordEmbeddings ? 'model.embed_tokens.weight' : 'lm_head.weight');
  return linearOutInRows(final, d, head, config.vocabSize);
}
